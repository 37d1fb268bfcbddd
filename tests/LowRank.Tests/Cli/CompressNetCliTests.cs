using System.Text.Json;
using Xunit;

namespace LowRank.Tests.Cli;

public class CompressNetCliTests
{
    [Fact]
    public void QuickRunWritesTheReportAndEveryField()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("experiment", "compress-net", "--out", dir.Path, "--quick", "--hidden", "64,32", "--json");
        var j = CliRunner.Json(run);
        WrittenFiles.AssertEveryFileReported(run, dir.Path, json: true);
        string[] files = dir.FileNames();
        Assert.Contains("index.html", files);
        Assert.Equal(File.ReadAllText(dir.File("results.json")), run.Stdout.TrimEnd()); // --json prints results.json itself
        Assert.Equal(4, j.GetProperty("figures").GetArrayLength());
        foreach (var figure in j.GetProperty("figures").EnumerateArray()) Assert.Contains(figure.GetString()!, files);
        Assert.Equal([784, 64, 32, 10], j.GetProperty("layers").EnumerateArray().Select(w => w.GetInt32()));
        Assert.Equal((8000, 2000), (j.GetProperty("train_count").GetInt32(), j.GetProperty("test_count").GetInt32()));

        var b = j.GetProperty("base");
        Assert.Equal(784 * 64 + 64 * 32 + 32 * 10, b.GetProperty("weights").GetInt64());
        Assert.Equal(784 * 64 + 64 * 32 + 32 * 10 + 64 + 32 + 10, b.GetProperty("parameters").GetInt32());
        Assert.InRange(b.GetProperty("accuracy").GetDouble(), 0.6, 1);

        var points = j.GetProperty("compressed").EnumerateArray().ToArray();
        Assert.Equal(["budget", "uniform", "energy"], points.Select(p => p.GetProperty("rule").GetString()).Distinct());
        int[] dims = [784, 64, 32, 10];
        foreach (var p in points)
        {
            var ranks = p.GetProperty("ranks").EnumerateArray().ToArray();
            long weights = 0;
            for (int l = 0; l < 3; l++)
                weights += ranks[l].ValueKind == JsonValueKind.Null ? (long)dims[l] * dims[l + 1] : ranks[l].GetInt32() * (dims[l] + dims[l + 1]);
            Assert.Equal(weights, p.GetProperty("weights").GetInt64());
            Assert.Equal((double)weights / b.GetProperty("weights").GetInt64(), p.GetProperty("weight_share").GetDouble(), 12);
            Assert.Equal(p.GetProperty("rule").GetString() != "energy", p.GetProperty("fine_tuned_accuracy").ValueKind == JsonValueKind.Number);
        }
        // The network at the target is the fine-tuned one with the most weights within the share, whatever the accuracies
        // (choosing the best test accuracy would select on the test set).
        double share = j.GetProperty("target_share").GetDouble();
        long expected = points.Where(p => p.GetProperty("fine_tuned_accuracy").ValueKind == JsonValueKind.Number && p.GetProperty("weight_share").GetDouble() <= share)
            .Max(p => p.GetProperty("weights").GetInt64());
        Assert.Equal(expected, j.GetProperty("at_target").GetProperty("weights").GetInt64());

        var adapters = j.GetProperty("adapters");
        Assert.Equal(b.GetProperty("parameters").GetInt32(), adapters.GetProperty("full_fine_tune").GetProperty("trainable_parameters").GetInt32());
        var lora = adapters.GetProperty("lora").EnumerateArray().ToArray();
        Assert.Equal([1, 4, 16], lora.Select(a => a.GetProperty("rank").GetInt32()));
        foreach (var a in lora)
        {
            int r = a.GetProperty("rank").GetInt32();
            Assert.Equal(r * (784 + 64) + r * (64 + 32) + Math.Min(r, 10) * (32 + 10), a.GetProperty("trainable_parameters").GetInt32());
            Assert.Equal(b.GetProperty("parameters").GetInt32(), a.GetProperty("frozen_parameters").GetInt32());
            Assert.InRange(a.GetProperty("merge_max_difference").GetDouble(), 0, 1e-3);
        }
        var spectra = adapters.GetProperty("update_spectra").EnumerateArray().ToArray();
        Assert.Equal(3, spectra.Length);
        foreach (var u in spectra)
        {
            var energy = u.GetProperty("energy_in_top_ranks").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(energy.Order(), energy);
            Assert.InRange(energy[^1], 0, 1 + 1e-12);
            var sigma = u.GetProperty("singular_values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(Math.Min(u.GetProperty("rows").GetInt32(), u.GetProperty("cols").GetInt32()), sigma.Length);
            var ranks = u.GetProperty("ranks").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            for (int i = 0; i < ranks.Length; i++) // Σ_{i≤r} σᵢ² / Σ σᵢ², from the reported singular values
                Assert.Equal(sigma.Take(ranks[i]).Sum(x => x * x) / sigma.Sum(x => x * x), energy[i], 12);
        }
        Assert.True(j.GetProperty("inference").GetProperty("uncompressed_samples_per_second").GetDouble() > 0);
        // A quick run lists the accuracy targets as not judged (they are the full run's) and never reports them as passed.
        var targets = j.GetProperty("targets").EnumerateArray().ToArray();
        Assert.Equal(["not judged", "not judged", "PASS"], targets.Select(t => t.GetProperty("result").GetString()));
        Assert.False(targets[0].TryGetProperty("passed", out _));
        Assert.True(targets[2].GetProperty("passed").GetBoolean());
        Assert.False(j.TryGetProperty("all_targets_passed", out _));
    }

    [Fact]
    public void BadUsageIsExitTwoWithOneLineAndLeavesNothingBehind()
    {
        using var dir = new TempDirectory();
        string report = dir.File("report");
        void Refused(string expected, params string[] args)
        {
            var r = CliRunner.Run(["experiment", "compress-net", "--out", report, .. args]);
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith("error: ", r.Stderr);
            Assert.Contains(expected, r.Stderr);
            Assert.Single(r.Stderr.TrimEnd().Split('\n'));
            Assert.Equal("", r.Stdout);
            Assert.False(Directory.Exists(report), "a refused run must not create its report directory");
        }
        Refused("--hidden", "--quick", "--hidden", "64,x", "--json");
        Refused("--hidden", "--quick", "--hidden", "0");
        Refused("train-images-idx3-ubyte.gz", "--data", dir.File("nowhere"), "--json");
        Refused("--data is not used with --quick", "--quick", "--data", dir.Path);
        string file = dir.Write("a-file", "x");
        var r = CliRunner.Run("experiment", "compress-net", "--out", file, "--quick", "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--out must be a directory", r.Stderr);
        Assert.Equal("x", File.ReadAllText(file));
    }
}
