using System.Text.Json;
using Xunit;

namespace LowRank.Tests.Cli;

public class ExperimentBleckelTests
{
    [Fact]
    public void QuickRunWritesTheReportFiguresAndResults()
    {
        using var dir = new TempDirectory();
        var j = CliRunner.Json(CliRunner.Run("experiment", "bleckel", "--out", dir.Path, "--quick", "--json"));
        string[] files = dir.FileNames();
        Assert.Contains("index.html", files);
        Assert.Contains("results.json", files);
        foreach (var figure in j.GetProperty("figures").EnumerateArray())
        {
            Assert.Contains(figure.GetString()!, files);
            Assert.Contains(figure.GetString()!, File.ReadAllText(dir.File("index.html")));
        }
        Assert.True(j.GetProperty("figures").GetArrayLength() >= 5);
        var saved = JsonDocument.Parse(File.ReadAllText(dir.File("results.json"))).RootElement;
        Assert.Equal(j.GetProperty("seconds").GetDouble(), saved.GetProperty("seconds").GetDouble());
        Assert.True(j.GetProperty("quick").GetBoolean());

        var cases = j.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);
        Assert.Equal(["identity", "diagonal_0_49", "diagonal_1_50", "photo_rank_1", "photo_rank_10", "logo_rank_10", "colour_rank_5"], cases.Keys);
        Assert.Equal(1.00146, cases["identity"].GetProperty("published_network").GetDouble());
        Assert.Equal(1.0, cases["identity"].GetProperty("svd_rel_error_spectral").GetDouble(), 12);
        Assert.Equal(29.0 / 49, cases["diagonal_0_49"].GetProperty("svd_rel_error_spectral").GetDouble(), 12);
        Assert.Equal(0.6, cases["diagonal_1_50"].GetProperty("svd_rel_error_spectral").GetDouble(), 12);
        Assert.Equal(3, cases["colour_rank_5"].GetProperty("channels").GetInt32());
        foreach (var c in cases.Values)
        {
            Assert.True(c.GetProperty("rank_check_passed").GetBoolean(), c.GetProperty("key").GetString());
            Assert.True(c.TryGetProperty("seconds_to_101", out _));
        }

        foreach (string set in new[] { "gaussian", "symmetric" })
        {
            var ranks = j.GetProperty(set).EnumerateArray().ToArray();
            Assert.Equal(Enumerable.Range(1, 9), ranks.Select(k => k.GetProperty("rank").GetInt32()));
            Assert.All(ranks, k => Assert.Equal(2, k.GetProperty("runs").GetArrayLength()));
            foreach (var k in ranks) // the study's measure: mean |network − SVD| relative 2-norm error over the runs
                Assert.Equal(k.GetProperty("runs").EnumerateArray().Average(run =>
                    Math.Abs(run.GetProperty("nn_rel_error_spectral").GetDouble() - run.GetProperty("svd_rel_error_spectral").GetDouble())),
                    k.GetProperty("mean_gap").GetDouble(), 12);
        }
        Assert.Equal(0.1550, j.GetProperty("gaussian")[8].GetProperty("published_gap").GetDouble());
        Assert.Equal(6, j.GetProperty("designs").GetArrayLength());
        Assert.Equal(6, j.GetProperty("objectives").GetArrayLength());
        var targets = j.GetProperty("targets").EnumerateArray().ToArray();
        Assert.Equal(5, targets.Length);
        Assert.Contains(targets, t => t.GetProperty("name").GetString()!.StartsWith("total time", StringComparison.Ordinal) && t.GetProperty("passed").GetBoolean());
        Assert.Equal(targets.All(t => t.GetProperty("passed").GetBoolean()), j.GetProperty("all_targets_passed").GetBoolean());
    }

    [Fact]
    public void TheConsoleShowsPublishedBesideOursAndEveryTarget()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("experiment", "bleckel", "--out", dir.Path, "--quick");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("0.5918 / 0.6417", r.Stdout);
        Assert.Contains("0.0005 /", r.Stdout);
        string plain = System.Text.RegularExpressions.Regex.Replace(r.Stdout, @"\x1b\[[0-9;]*m", ""); // colour codes, when the console has them
        Assert.Equal(5, plain.Split('\n').Count(line => line.StartsWith("PASS ", StringComparison.Ordinal) || line.StartsWith("FAIL ", StringComparison.Ordinal)));
        Assert.Contains("index.html", r.Stdout);
        WrittenFiles.AssertEveryFileReported(r, dir.Path, json: false);
    }

    [Fact]
    public void TheOutputDirectoryIsRequired()
    {
        var r = CliRunner.Run("experiment", "bleckel");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--out", r.Stderr);
    }
}
