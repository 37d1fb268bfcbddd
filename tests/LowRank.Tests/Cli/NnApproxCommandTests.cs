using System.Text.Json;
using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Cli;

public class NnApproxCommandTests
{
    private const string LectureCsv = "4,11,14\n8,7,-2\n";

    [Fact]
    public void LectureExampleAtRankOneReachesTheSvd()
    {
        using var dir = new TempDirectory();
        var j = CliRunner.Json(CliRunner.Run("nn-approx", dir.Write("a.csv", LectureCsv), "--rank", "1", "--json"));
        foreach (string field in new[] { "rank", "numerical_rank", "rank_check_passed", "nn_rel_error_spectral", "svd_rel_error_spectral",
                     "nn_rel_error_frobenius", "svd_rel_error_frobenius", "ratio_spectral", "loss", "seconds", "seconds_to_101", "design", "objective", "epochs", "samples" })
            Assert.True(j.TryGetProperty(field, out _), field);
        Assert.Equal(1, j.GetProperty("rank").GetInt32());
        Assert.Equal("n-n-k-n", j.GetProperty("design").GetString());
        Assert.Equal("samples", j.GetProperty("objective").GetString());
        Assert.True(j.GetProperty("rank_check_passed").GetBoolean());
        Assert.Equal(1, j.GetProperty("numerical_rank").GetInt32());
        Assert.Equal(0.5, j.GetProperty("svd_rel_error_spectral").GetDouble(), 12); // σ₂/σ₁ = 3√10 / 6√10
        double ratio = j.GetProperty("ratio_spectral").GetDouble();
        Assert.InRange(ratio, 1 - 1e-9, 1.01);
        Assert.Equal(ratio, j.GetProperty("nn_rel_error_spectral").GetDouble() / 0.5, 9);
        var epochs = j.GetProperty("loss_epochs").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(epochs.Length, j.GetProperty("loss").GetArrayLength());
        Assert.Equal(j.GetProperty("epochs").GetInt32(), epochs[^1]);
        Assert.Equal(JsonValueKind.Number, j.GetProperty("seconds_to_101").ValueKind);
    }

    [Fact]
    public void WritesTheNetworksMatrixOfRankK()
    {
        using var dir = new TempDirectory();
        string output = dir.File("w.csv");
        var r = CliRunner.Run("nn-approx", dir.Write("a.csv", LectureCsv), "-k", "1", "--objective", "frobenius", "--design", "n-k-n", "-o", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("network / SVD", r.Stdout);
        var w = MatrixFile.Read(output).Values;
        Assert.Equal((2, 3), (w.Rows, w.Cols));
        var sigma = LowRank.Decompositions.ExactSvd.Values(w);
        Assert.True(sigma[1] < 1e-6 * sigma[0], $"σ₂/σ₁ = {sigma[1] / sigma[0]}");
        Assert.Equal(12, w[0, 1], 0.5); // the best rank-1 approximation is [[6, 12, 12], [2, 4, 4]]
    }

    [Fact]
    public void ColourImagesAreFittedPerChannel()
    {
        using var dir = new TempDirectory();
        var random = new Random(5);
        Matrix Channel() => new(6, 6, Enumerable.Range(0, 36).Select(_ => 255 * random.NextDouble()).ToArray());
        string input = dir.File("c.png"), output = dir.File("w.png");
        ImageFile.Write(input, new ImageData(6, 6, [Channel(), Channel(), Channel()], null));
        var j = CliRunner.Json(CliRunner.Run("nn-approx", input, "--rank", "2", "--epochs", "20", "--samples", "500", "-o", output, "--json"));
        Assert.Equal(3, j.GetProperty("channels").GetInt32());
        Assert.Equal(3, j.GetProperty("per_channel").GetArrayLength());
        double worst = j.GetProperty("per_channel").EnumerateArray().Max(c => c.GetProperty("svd_rel_error_spectral").GetDouble());
        Assert.Equal(worst, j.GetProperty("svd_rel_error_spectral").GetDouble(), 12);
        Assert.Equal(3, ImageFile.Read(output).Channels.Count);
    }

    [Fact]
    public void AtFullRankTheRatioIsNullAndTheNetworkReproducesA()
    {
        using var dir = new TempDirectory();
        var j = CliRunner.Json(CliRunner.Run("nn-approx", dir.Write("a.csv", LectureCsv), "--rank", "2", "--objective", "frobenius", "--json"));
        Assert.Equal(0, j.GetProperty("svd_rel_error_spectral").GetDouble());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("ratio_spectral").ValueKind);
        Assert.InRange(j.GetProperty("nn_rel_error_spectral").GetDouble(), 0, 1e-4);
    }

    [Theory]
    [InlineData("rank", "0")]
    [InlineData("rank", "3")]
    [InlineData("epochs", "0")]
    [InlineData("samples", "0")]
    [InlineData("batch-size", "0")]
    [InlineData("lr", "-1")]
    [InlineData("design", "n-n-n")]
    [InlineData("objective", "spectral")]
    [InlineData("optimizer", "lbfgs")]
    [InlineData("output", "w.xyz")]
    public void BadOptionsExitWithTwo(string option, string value)
    {
        using var dir = new TempDirectory();
        string[] args = ["nn-approx", dir.Write("a.csv", LectureCsv), .. option == "rank" ? Array.Empty<string>() : ["--rank", "1"], $"--{option}", value];
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.DoesNotContain('\n', r.Stderr.TrimEnd('\n'));
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void AColourImageIsNotWrittenAsOneMatrix()
    {
        using var dir = new TempDirectory();
        string input = dir.File("c.png");
        Matrix Constant(double v) => new(4, 4, Enumerable.Repeat(v, 16).ToArray());
        ImageFile.Write(input, new ImageData(4, 4, [Constant(10), Constant(100), Constant(200)], null));
        var r = CliRunner.Run("nn-approx", input, "--rank", "1", "-o", dir.File("w.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("colour", r.Stderr);
        Assert.False(File.Exists(dir.File("w.csv")));
    }
}
