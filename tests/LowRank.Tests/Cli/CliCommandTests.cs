using System.Text.Json;
using LowRank.IO;
using Xunit;

namespace LowRank.Tests.Cli;

public class CliCommandTests
{
    private const string LectureCsv = "4,11,14\n8,7,-2\n";

    [Fact]
    public void InfoNamesBackendLibraryThreadsAndVersion()
    {
        var j = CliRunner.Json(CliRunner.Run("info", "--json"));
        // The active backend: native where OpenBLAS loads, managed under LOWRANK_BACKEND=managed or without it.
        string backend = LowRank.Linalg.Backends.Current.Name;
        Assert.Equal(backend, j.GetProperty("backend").GetString());
        Assert.Contains(backend == "native" ? "openblas" : "Math.NET", j.GetProperty("library").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.True(j.GetProperty("threads").GetInt32() >= 1);
        Assert.Matches(@"^\d+\.\d+\.\d+", j.GetProperty("version").GetString()!);
    }

    [Fact]
    public void ThreadsComeFromTheOptionOrTheEnvironment()
    {
        var none = new Dictionary<string, string>();
        Assert.Contains("\"threads\": 1,", CliRunner.RunProcess(none, "--threads", "1", "info", "--json").Stdout);
        Assert.Contains("\"threads\": 1,", CliRunner.RunProcess(new Dictionary<string, string> { ["LOWRANK_THREADS"] = "1" }, "info", "--json").Stdout);
        var bad = CliRunner.RunProcess(new Dictionary<string, string> { ["LOWRANK_THREADS"] = "many" }, "info");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("error: LOWRANK_THREADS", bad.Stderr);
    }

    [Fact]
    public void SvdOfTheLectureExampleGivesSixAndThreeRootTen()
    {
        using var dir = new TempDirectory();
        var j = CliRunner.Json(CliRunner.Run("svd", dir.Write("a.csv", LectureCsv), "--json"));
        Assert.Equal(2, j.GetProperty("rows").GetInt32());
        Assert.Equal(3, j.GetProperty("cols").GetInt32());
        Assert.Equal("exact", j.GetProperty("method").GetString());
        Assert.Equal(LowRank.Linalg.Backends.Current.Name, j.GetProperty("backend").GetString());
        var s = j.GetProperty("singular_values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(6 * Math.Sqrt(10), s[0], 12);
        Assert.Equal(3 * Math.Sqrt(10), s[1], 12);
        Assert.True(j.GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public void SvdWritesFactorsThatReproduceTheMatrix()
    {
        using var dir = new TempDirectory();
        string u = dir.File("u.npy"), s = dir.File("s.csv"), v = dir.File("v.mtx");
        var r = CliRunner.Run("svd", dir.Write("a.csv", LectureCsv), "--out-u", u, "--out-s", s, "--out-v", v);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("σ", r.Stdout);
        var um = NpyFile.Read(u);
        var sm = MatrixFile.Read(s).Values;
        var vm = MatrixMarketFile.Read(v);
        Assert.Equal((2, 2, 3, 2), (um.Rows, sm.Rows, vm.Rows, vm.Cols));
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
            {
                double x = 0;
                for (int l = 0; l < 2; l++) x += um[i, l] * sm[l, 0] * vm[j, l];
                Assert.Equal(new[,] { { 4.0, 11, 14 }, { 8, 7, -2 } }[i, j], x, 10);
            }
    }

    [Fact]
    public void ApproxWritesTheRankOneMatrixAndReportsEveryField()
    {
        using var dir = new TempDirectory();
        string output = dir.File("a1.csv");
        var j = CliRunner.Json(CliRunner.Run("approx", dir.Write("a.csv", LectureCsv), "--rank", "1", "-o", output, "--json"));
        foreach (string field in new[] { "rows", "cols", "rank", "method", "sigma_next", "rel_error_spectral", "rel_error_frobenius",
                     "numerical_rank", "stored_numbers", "storage_ratio", "seconds" })
            Assert.True(j.TryGetProperty(field, out _), $"missing field {field}");
        Assert.Equal(1, j.GetProperty("rank").GetInt32());
        Assert.Equal(3 * Math.Sqrt(10), j.GetProperty("sigma_next").GetDouble(), 12);
        Assert.Equal(0.5, j.GetProperty("rel_error_spectral").GetDouble(), 12);
        Assert.Equal(Math.Sqrt(90.0 / 450), j.GetProperty("rel_error_frobenius").GetDouble(), 12);
        Assert.Equal(6, j.GetProperty("stored_numbers").GetInt32());
        var a1 = MatrixFile.Read(output).Values;
        double[,] expected = { { 6, 12, 12 }, { 2, 4, 4 } };
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 3; k++)
                Assert.Equal(expected[i, k], a1[i, k], 10);
    }

    [Theory]
    [InlineData("--energy", "0.8", 1)]   // σ² shares: 360/450 = 0.8, then 1
    [InlineData("--energy", "0.81", 2)]
    [InlineData("--ratio", "2", 1)]      // 6√10 ≥ 2·3√10
    [InlineData("--ratio", "2.01", 2)]
    public void RankRulesPickTheLectureRanks(string option, string value, int expected)
    {
        using var dir = new TempDirectory();
        var j = CliRunner.Json(CliRunner.Run("approx", dir.Write("a.csv", LectureCsv), option, value, "--json"));
        Assert.Equal(expected, j.GetProperty("rank").GetInt32());
    }

    [Fact]
    public void ApproxOfAnImageWritesAnImageWithTheReportedPsnrAndTailError()
    {
        using var dir = new TempDirectory();
        string input = dir.File("in.png"), output = dir.File("out.png");
        var rng = new Random(1);
        var grey = new LowRank.Linalg.Matrix(40, 30);
        for (int i = 0; i < grey.Data.Length; i++) grey.Data[i] = rng.Next(256);
        ImageFile.Write(input, new ImageData(30, 40, [grey], null));
        var j = CliRunner.Json(CliRunner.Run("approx", input, "--rank", "5", "-o", output, "--json"));
        var written = ImageFile.Read(output);
        Assert.Equal((30, 40), (written.Width, written.Height));
        var s = LowRank.Decompositions.ExactSvd.Values(grey);
        double tail = LowRank.Approximation.LowRankApproximator.TailNorm(s, 5) / grey.FrobeniusNorm();
        Assert.Equal(tail, j.GetProperty("rel_error_frobenius").GetDouble(), 12);
    }

    [Fact]
    public void ApproxWritesFactorsWhoseProductIsTheApproximation()
    {
        using var dir = new TempDirectory();
        string y = dir.File("y.csv"), z = dir.File("z.npy");
        var r = CliRunner.Run("approx", dir.Write("a.csv", LectureCsv), "--rank", "1", "--out-y", y, "--out-z", z);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var ym = MatrixFile.Read(y).Values;
        var zm = NpyFile.Read(z);
        Assert.Equal((2, 1, 3, 1), (ym.Rows, ym.Cols, zm.Rows, zm.Cols));
        double[,] expected = { { 6, 12, 12 }, { 2, 4, 4 } };
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(expected[i, j], ym[i, 0] * zm[j, 0], 10);
    }

    [Fact]
    public void ColourImagesAreApproximatedPerChannelAndKeepTheirAlpha()
    {
        using var dir = new TempDirectory();
        string input = dir.File("rgba.png"), output = dir.File("out.png");
        var rng = new Random(2);
        LowRank.Linalg.Matrix Channel()
        {
            var m = new LowRank.Linalg.Matrix(24, 32);
            for (int i = 0; i < m.Data.Length; i++) m.Data[i] = rng.Next(256);
            return m;
        }
        var alpha = new LowRank.Linalg.Matrix(24, 32);
        for (int i = 0; i < alpha.Data.Length; i++) alpha.Data[i] = i % 2 == 0 ? 255 : 128;
        var channels = new[] { Channel(), Channel(), Channel() };
        ImageFile.Write(input, new ImageData(32, 24, channels, alpha));
        var j = CliRunner.Json(CliRunner.Run("approx", input, "--rank", "3", "-o", output, "--json"));
        Assert.Equal(3, j.GetProperty("channels").GetInt32());
        var perChannel = j.GetProperty("per_channel").EnumerateArray().ToArray();
        for (int c = 0; c < 3; c++)
        {
            var s = LowRank.Decompositions.ExactSvd.Values(channels[c]);
            double tail = LowRank.Approximation.LowRankApproximator.TailNorm(s, 3) / channels[c].FrobeniusNorm();
            Assert.Equal(tail, perChannel[c].GetProperty("rel_error_frobenius").GetDouble(), 12);
        }
        var written = ImageFile.Read(output);
        Assert.Equal(3, written.Channels.Count);
        Assert.NotNull(written.Alpha);
        Assert.Equal(alpha.Data, written.Alpha!.Data);
    }
}
