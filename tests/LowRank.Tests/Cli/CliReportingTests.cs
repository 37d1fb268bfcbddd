using System.Text.Json;
using LowRank.Approximation;
using LowRank.Cli;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>What the CLI reports: energy shares of ‖A‖_F², the storage ratio's reference, sizes, and mistyped commands.</summary>
public class CliReportingTests
{
    private const string LectureCsv = "4,11,14\n8,7,-2\n";

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    private static double[] Numbers(JsonElement j, string field) => j.GetProperty(field).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>σ₁ = 6√10 of A = [[4,11,14],[8,7,−2]] holds 360 of ‖A‖_F² = 450: 80 %, not the 100 % of the one value shown.</summary>
    [Fact]
    public void SvdAtRankOneSharesTheWholeEnergyOfTheLectureMatrix()
    {
        using var dir = new TempDirectory();
        string a = dir.Write("a.csv", LectureCsv);
        var j = CliRunner.Json(CliRunner.Run("svd", a, "--rank", "1", "--json"));
        Assert.Equal(450, j.GetProperty("total_energy").GetDouble(), 10);
        Assert.Equal(0.8, Assert.Single(Numbers(j, "energy_share")), 12);
        Assert.Equal(0.8, Assert.Single(Numbers(j, "cumulative_energy_share")), 12);
        var table = CliRunner.Run("svd", a, "--rank", "1");
        Assert.Contains("cumulative energy (of ‖A‖_F²)", table.Stdout);
        Assert.Contains("80 %", table.Stdout);
        Assert.DoesNotContain("100 %", table.Stdout);
        var full = CliRunner.Json(CliRunner.Run("svd", a, "--json"));
        Assert.Equal([0.8, 1.0], Numbers(full, "cumulative_energy_share").Select(x => Math.Round(x, 12)));
    }

    /// <summary>
    /// camera.png, 5 leading values: numpy gives cumulative shares 0.87007658 … 0.97041117 of ‖A‖_F² = 5,788,200,983
    /// (<c>s = np.linalg.svd(a, compute_uv=False); np.cumsum(s[:5]**2) / (a**2).sum()</c> on the 8-bit pixels).
    /// </summary>
    [Fact]
    public void SvdOfCameraAtRankFiveSharesTheWholeEnergy()
    {
        var j = CliRunner.Json(CliRunner.Run("svd", Sample("camera.png"), "--rank", "5", "--method", "exact", "--json"));
        Assert.Equal(5788200983.0, j.GetProperty("total_energy").GetDouble(), 1e-3);
        var cumulative = Numbers(j, "cumulative_energy_share");
        Assert.Equal(0.87007658, cumulative[0], 1e-8);
        Assert.Equal(0.97041117, cumulative[4], 1e-8);
        var shares = Numbers(j, "energy_share");
        Assert.Equal(cumulative[4], shares.Sum(), 12);
        var table = CliRunner.Run("svd", Sample("camera.png"), "--rank", "5", "--method", "exact").Stdout;
        Assert.Contains("87.01 %", table);
        Assert.Contains("97.04 %", table);
    }

    [Fact]
    public void StorageRatioSaysItIsAgainstTheDenseMatrix()
    {
        using var dir = new TempDirectory();
        string a = dir.Write("a.csv", LectureCsv);
        var table = CliRunner.Run("approx", a, "--rank", "1");
        Assert.Contains("storage ratio vs the dense m·n", table.Stdout);
        Assert.DoesNotContain("nonzeros", table.Stdout);
        var j = CliRunner.Json(CliRunner.Run("approx", a, "--rank", "1", "--json"));
        Assert.Equal(1.0, j.GetProperty("storage_ratio").GetDouble(), 12); // k(m+n+1) = 6 = m·n
        Assert.False(j.TryGetProperty("storage_ratio_nonzeros", out _));
    }

    /// <summary>A sparse input will set the nonzeros it stores; the table then also compares with them (6 numbers vs 4 nonzeros).</summary>
    [Fact]
    public void StorageRatioAgainstStoredNonzerosIsShownWhenKnown()
    {
        var lecture = Matrix.FromRowMajor(2, 3, [4, 11, 14, 8, 7, -2]);
        var r = LowRankApproximator.Approximate(lecture, RankRule.Fixed(1), SvdMethod.Exact) with { StoredNonzeros = 4 };
        Assert.Equal(1.5, r.StorageRatioToNonzeros);
        var stdout = new StringWriter();
        Tables.Approximation(new CliContext(stdout, new StringWriter(), interactive: false), "a", [r]);
        Assert.Matches(@"storage ratio vs stored nonzeros\s*│\s*150 %", stdout.ToString());
        Assert.Null((r with { StoredNonzeros = null }).StorageRatioToNonzeros);
    }

    /// <summary>A 3-row, 5-column image is "3×5 (rows×columns)" in image, and 3×5 in approx, as any 3×5 matrix.</summary>
    [Fact]
    public void ImageSizesAreRowsByColumnsLikeEveryMatrix()
    {
        using var dir = new TempDirectory();
        var grey = Matrix.FromRowMajor(3, 5, Enumerable.Range(0, 15).Select(i => (double)(i * 17 % 256)).ToArray());
        string png = dir.File("wide.png");
        ImageFile.Write(png, new ImageData(5, 3, [grey], null));
        var image = CliRunner.Run("image", png, "--rank", "1");
        Assert.True(image.ExitCode == 0, image.Stderr);
        Assert.Contains("3×5 (rows×columns)", image.Stdout);
        Assert.DoesNotContain("5×3", image.Stdout);
        Assert.Contains(": 3×5", CliRunner.Run("approx", png, "--rank", "1").Stdout);
    }

    [Theory]
    [InlineData("error: unknown option '--rnak' for `lowrank svd`; did you mean '--rank'?", "svd", "A", "--rnak", "1")]
    [InlineData("error: unknown option '--thread' for `lowrank info`; did you mean '--threads'?", "info", "--thread", "2")]
    [InlineData("error: unknown option '--frobnicate' for `lowrank svd`; see `lowrank svd --help`", "svd", "A", "--frobnicate")]
    [InlineData("error: unknown command 'svdd'; did you mean 'svd'?", "svdd", "A")]
    [InlineData("error: unknown command 'trian' for `lowrank svlearn`; did you mean 'train'?", "svlearn", "trian")]
    [InlineData("error: `lowrank svlearn` needs a command: train, evaluate, predict", "svlearn")]
    public void MistypedOptionsAndCommandsAreNamedWithTheNearestOne(string expected, params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(expected, r.Stderr.TrimEnd('\n'));
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void AnUnknownCommandListsTheCommands()
    {
        var r = CliRunner.Run("frobnicate");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: unknown command 'frobnicate'; commands: info, svd, approx, ", r.Stderr);
        Assert.Contains("demo", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("rnak", "rank", 1)] // a swap of neighbours costs one edit
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("svd", "svd", 0)]
    public void EditDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(string a, string b, int distance) =>
        Assert.Equal(distance, ParseErrors.Distance(a, b));
}
