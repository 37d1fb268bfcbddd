using System.Globalization;
using LowRank.Completion;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>evaluate's protocols through the command line: hold-outs, test files, tuning, implicit mode, the protocol on every report.</summary>
public class EvaluateProtocolCliTests
{
    /// <summary>A synthetic ratings file with a timestamp column (ids u0.., i0..), lines in a shuffled order.</summary>
    private static string Ratings(TempDirectory dir, string name = "ratings.csv", bool timestamps = true, int seed = 5)
    {
        var set = SyntheticRatings.Generate(40, 30, rank: 2, density: 0.5, noise: 0.2, seed: seed);
        var random = new Random(1);
        var lines = Enumerable.Range(0, set.Count).Select(e => $"u{set.Users[e]},i{set.Items[e]},{set.Values[e].ToString(CultureInfo.InvariantCulture)}"
            + (timestamps ? $",{random.Next(1000)}" : "")).ToList();
        return dir.Write(name, string.Join("\n", lines) + "\n");
    }

    [Theory]
    [InlineData("random:0.2", "user")]
    [InlineData("time:0.2", "user")]
    [InlineData("time:0.25", "global")]
    public void HoldOutsWriteTheProtocolOnTheJsonAndTheTable(string split, string by)
    {
        using var dir = new TempDirectory();
        string path = Ratings(dir);
        var json = CliRunner.Json(CliRunner.Run("evaluate", path, "--method", "als", "--split", split, "--split-by", by, "--json"));
        var protocol = json.GetProperty("protocol");
        Assert.Equal(split.Split(':')[0], protocol.GetProperty("split").GetString());
        Assert.Equal(by, protocol.GetProperty("split_by").GetString());
        Assert.Contains("hold-out", protocol.GetProperty("text").GetString());
        Assert.Equal(1, json.GetProperty("rmse_per_fold").GetArrayLength());
        foreach (string field in new[] { "map_at_n", "hit_rate_at_n", "coverage", "cold_start_per_fold" })
            Assert.True(json.TryGetProperty(field, out _), field);
        var table = CliRunner.Run("evaluate", path, "--method", "als", "--split", split, "--split-by", by);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Protocol: ", table.Stdout);
        Assert.Contains("tuning: none", table.Stdout);
    }

    [Fact]
    public void ATestFileCountsColdStartUsers()
    {
        using var dir = new TempDirectory();
        string train = Ratings(dir, "train.csv");
        string test = dir.Write("test.csv", "newcomer,i1,4\nnewcomer,i2,5\n");
        var json = CliRunner.Json(CliRunner.Run("evaluate", train, "--test", test, "--method", "baseline", "--json"));
        Assert.Equal(2, json.GetProperty("cold_start_per_fold")[0].GetInt32());
        Assert.Equal("test-file", json.GetProperty("protocol").GetProperty("split").GetString());
        Assert.True(double.IsFinite(json.GetProperty("rmse").GetDouble()));
    }

    [Theory]
    [InlineData("--test", "bad.csv", "bad.csv", "line 2")]
    [InlineData("--split", "random:1.5", "(0, 1)")]
    [InlineData("--split", "random:0", "(0, 1)")]
    [InlineData("--split", "sideways:0.2", "random:F or time:F")]
    [InlineData("--split-by", "item", "user or global")]
    public void BadProtocolsExitTwo(string option, string value, params string[] fragments)
    {
        using var dir = new TempDirectory();
        dir.Write("bad.csv", "u1,i1,4\nu1,i2\n");
        string path = Ratings(dir);
        var r = CliRunner.Run("evaluate", path, option, option == "--test" ? dir.File(value) : value, "--method", "baseline");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        foreach (string f in fragments) Assert.Contains(f, r.Stderr);
    }

    [Fact]
    public void ATemporalSplitWithoutTimestampsExitsTwoNamingTheFile()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("evaluate", Ratings(dir, timestamps: false), "--split", "time:0.2", "--method", "baseline");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ratings.csv", r.Stderr);
        Assert.Contains("timestamp", r.Stderr);
    }

    [Fact]
    public void TuneReportsTheGridAndTheChoicePerFold()
    {
        using var dir = new TempDirectory();
        var json = CliRunner.Json(CliRunner.Run("evaluate", Ratings(dir), "--method", "als", "--folds", "2", "--tune", "--json"));
        var folds = json.GetProperty("tuning_per_fold");
        Assert.Equal(2, folds.GetArrayLength());
        Assert.Equal(9, folds[0].GetProperty("trials").GetArrayLength());
        Assert.Contains("validation split carved from each training part only", json.GetProperty("protocol").GetProperty("text").GetString());
    }

    [Fact]
    public void ImplicitModeRanksPopularityAndThePredictorsWithoutRmse()
    {
        using var dir = new TempDirectory();
        var json = CliRunner.Json(CliRunner.Run("evaluate", Ratings(dir), "--implicit", "4", "--split", "random:0.2", "--method", "all", "--rank", "2", "--json"));
        var methods = json.GetProperty("methods").EnumerateArray().ToArray();
        Assert.Equal("popularity", methods[0].GetProperty("method").GetString());
        Assert.Equal(PredictorRegistry.Names.Count + 1 + LowRank.Completion.Implicit.ImplicitRegistry.Names.Count, methods.Length);
        Assert.All(methods, m => Assert.False(m.TryGetProperty("rmse", out _)));
        Assert.Equal(4, json.GetProperty("protocol").GetProperty("implicit").GetDouble());
    }
}
