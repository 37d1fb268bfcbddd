using System.Text.Json;
using LowRank.IO;
using Xunit;

namespace LowRank.Tests.Cli;

public class SvLearnCliTests
{
    [Fact]
    public void Train_json_carries_the_metrics_and_evaluate_reproduces_them()
    {
        using var dir = new TempDirectory();
        string model = dir.File("m.lrnn");
        var j = CliRunner.Json(CliRunner.Run("svlearn", "train", "--data", "spambase", "--limit", "120", "--epochs", "3", "--hidden", "16,16",
            "--cache", dir.File("cache"), "-o", model, "--json"));
        foreach (string field in new[] { "nmse_mean", "nmse_std", "mae_mean", "mae_std", "baseline", "train_count", "test_count", "epochs_run" })
            Assert.True(j.TryGetProperty(field, out _), field);
        Assert.Equal((120 - 31) * 27, j.GetProperty("train_count").GetInt32() + j.GetProperty("test_count").GetInt32());
        Assert.True(j.GetProperty("baseline").GetProperty("nmse_mean").GetDouble() > 0);
        var e = CliRunner.Json(CliRunner.Run("svlearn", "evaluate", model, "--data", "spambase", "--limit", "120", "--cache", dir.File("cache"), "--json"));
        Assert.Equal(j.GetProperty("nmse_mean").GetDouble(), e.GetProperty("nmse_mean").GetDouble(), 12);
        Assert.True(j.GetProperty("labels_cached").GetBoolean() is false);

        string input = dir.Write("a.csv", string.Join("\n", Enumerable.Range(0, 32).Select(i => string.Join(",", Enumerable.Range(0, 32).Select(k => ((i * 7 + k * 3) % 11).ToString())))));
        var p = CliRunner.Json(CliRunner.Run("svlearn", "predict", model, input, "--json"));
        Assert.Equal(1, p.GetProperty("windows").GetInt32());
        var sigma = p.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(32, sigma.Length);
        Assert.True(sigma.Zip(sigma.Skip(1)).All(x => x.First >= x.Second) && sigma[^1] >= 0); // the improved model's head
    }

    [Fact]
    public void Fashion_mnist_windows_take_effect_and_a_small_short_run_does_not_lose_to_the_baseline()
    {
        using var dir = new TempDirectory();
        string model = dir.File("m.lrnn"), cache = dir.File("cache");
        var r = CliRunner.Run("svlearn", "train", "--data", "fashion-mnist", "--window", "25x25", "--limit", "300", "--epochs", "3", "--cache", cache, "-o", model, "--json");
        var j = CliRunner.Json(r);
        Assert.Equal((25, 25, 1), (j.GetProperty("window_rows").GetInt32(), j.GetProperty("window_cols").GetInt32(), j.GetProperty("stride").GetInt32()));
        Assert.Contains("windows of 25×25 at stride 1", j.GetProperty("data").GetString());
        int train = j.GetProperty("train_count").GetInt32(), test = j.GetProperty("test_count").GetInt32();
        Assert.True(train % 16 == 0 && test % 16 == 0, $"{train} / {test}: 16 windows per image, all of an image on one side");
        Assert.True(j.GetProperty("nmse_mean").GetDouble() <= 1.1 * j.GetProperty("baseline").GetProperty("nmse_mean").GetDouble(), j.ToString());
        Assert.False(j.GetProperty("worse_than_baseline").GetBoolean());
        Assert.DoesNotContain("warning", r.Stderr);

        // The saved model takes 25×25 matrices; evaluate cuts the same windows, at another stride when asked.
        var e = CliRunner.Json(CliRunner.Run("svlearn", "evaluate", model, "--data", "fashion-mnist", "--window", "25x25", "--limit", "300", "--cache", cache, "--json"));
        Assert.Equal(j.GetProperty("nmse_mean").GetDouble(), e.GetProperty("nmse_mean").GetDouble(), 12);
        var strided = CliRunner.Json(CliRunner.Run("svlearn", "evaluate", model, "--data", "fashion-mnist", "--window", "25x25", "--stride", "3", "--limit", "300", "--cache", cache, "--json"));
        Assert.Equal((test / 4, 3), (strided.GetProperty("test_count").GetInt32(), strided.GetProperty("stride").GetInt32()));

        // Whole 28×28 images, the issue's run: the improved model may not end far below the baseline.
        var whole = CliRunner.Json(CliRunner.Run("svlearn", "train", "--data", "fashion-mnist", "--limit", "300", "--epochs", "3", "--cache", cache, "-o", model, "--json"));
        Assert.Equal(28, whole.GetProperty("window_rows").GetInt32());
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("stride").ValueKind);
        Assert.True(whole.GetProperty("nmse_mean").GetDouble() <= 1.1 * whole.GetProperty("baseline").GetProperty("nmse_mean").GetDouble(), whole.ToString());
    }

    [Fact]
    public void The_warning_appears_exactly_when_the_model_loses_to_the_baseline()
    {
        using var dir = new TempDirectory();
        string cache = dir.File("cache");
        string[] data = ["--data", "fashion-mnist", "--limit", "100", "--cache", cache];
        var verdicts = new List<bool>();
        void Check(CliRunner.Result r)
        {
            var j = CliRunner.Json(r);
            double model = j.GetProperty("nmse_mean").GetDouble(), baseline = j.GetProperty("baseline").GetProperty("nmse_mean").GetDouble();
            bool worse = j.GetProperty("worse_than_baseline").GetBoolean();
            Assert.Equal(model > baseline * 1.001, worse);
            var warnings = r.Stderr.Split('\n').Where(line => line.StartsWith("warning: ")).ToArray();
            Assert.Equal(worse ? 1 : 0, warnings.Length);
            if (worse) Assert.Contains("worse than the no-learning baseline", warnings[0]);
            verdicts.Add(worse);
        }
        // One step of the paper's network on raw pixels: far worse than the mean profile.
        Check(CliRunner.Run(["svlearn", "train", .. data, "--model", "paper", "--hidden", "16,16", "--epochs", "1", "-o", dir.File("paper.lrnn"), "--json"]));
        Check(CliRunner.Run(["svlearn", "evaluate", dir.File("paper.lrnn"), .. data, "--json"]));
        Check(CliRunner.Run(["svlearn", "train", .. data, "--epochs", "3", "-o", dir.File("improved.lrnn"), "--json"]));
        Check(CliRunner.Run(["svlearn", "evaluate", dir.File("improved.lrnn"), .. data, "--json"]));
        Assert.Equal([true, true, false, false], verdicts);
    }

    [Fact]
    public void A_corrupt_label_cache_is_rebuilt_not_trusted()
    {
        using var dir = new TempDirectory();
        string cache = dir.File("cache");
        string[] args = ["svlearn", "train", "--data", "spambase", "--limit", "40", "--epochs", "1", "--hidden", "4,4", "--cache", cache, "-o", dir.File("m.lrnn"), "--json"];
        var first = CliRunner.Json(CliRunner.Run(args));
        Assert.False(first.GetProperty("labels_cached").GetBoolean());
        Assert.True(CliRunner.Json(CliRunner.Run(args)).GetProperty("labels_cached").GetBoolean());
        string file = Directory.GetFiles(cache).Single();
        byte[] bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(file, bytes);
        var third = CliRunner.Json(CliRunner.Run(args));
        Assert.False(third.GetProperty("labels_cached").GetBoolean());
        Assert.Equal(first.GetProperty("nmse_mean").GetDouble(), third.GetProperty("nmse_mean").GetDouble(), 12);
        Assert.True(CliRunner.Json(CliRunner.Run(args)).GetProperty("labels_cached").GetBoolean()); // rewritten, valid again
    }

    [Fact]
    public async Task Two_processes_building_the_same_cache_leave_one_valid_file()
    {
        using var dir = new TempDirectory();
        string cache = dir.File("cache");
        string[] Args(string model) => ["svlearn", "train", "--data", "spambase", "--limit", "60", "--epochs", "1", "--hidden", "4,4", "--cache", cache, "-o", dir.File(model), "--json"];
        var none = new Dictionary<string, string>();
        var both = await Task.WhenAll(Task.Run(() => CliRunner.RunProcess(none, Args("a.lrnn"))), Task.Run(() => CliRunner.RunProcess(none, Args("b.lrnn"))));
        foreach (var r in both) CliRunner.Json(r);
        Assert.Equal(["a.lrnn", "b.lrnn", Path.Combine("cache", Path.GetFileName(Directory.GetFiles(cache).Single()))], dir.FileNames()); // no temporary left
        var third = CliRunner.Json(CliRunner.Run(Args("c.lrnn")));
        Assert.True(third.GetProperty("labels_cached").GetBoolean());
        Assert.Equal(CliRunner.Json(both[0]).GetProperty("nmse_mean").GetDouble(), third.GetProperty("nmse_mean").GetDouble(), 12);
    }

    [Fact]
    public void Cache_reader_refuses_damaged_and_foreign_files()
    {
        using var dir = new TempDirectory();
        string path = dir.File("c.lrsv");
        float[] values = [1, 2, 3, 4];
        byte[] key = SingularValueCache.Key(1, 2, 2, values);
        SingularValueCache.Write(path, key, 1, 2, 2, 2, [5.4, 0.4]);
        Assert.Equal([5.4, 0.4], SingularValueCache.TryRead(path, key, 1, 2, 2, 2, out _)!);
        Assert.Null(SingularValueCache.TryRead(path, SingularValueCache.Key(1, 2, 2, [1, 2, 3, 5]), 1, 2, 2, 2, out string why));
        Assert.Equal("made from other matrices", why);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^3]);
        Assert.Null(SingularValueCache.TryRead(path, key, 1, 2, 2, 2, out why));
        Assert.Equal("truncated", why);
        bytes[^40] ^= 1;
        File.WriteAllBytes(path, bytes);
        Assert.Null(SingularValueCache.TryRead(path, key, 1, 2, 2, 2, out why));
        Assert.Equal("checksum mismatch", why);
    }

    [Fact]
    public void Bad_inputs_exit_2_with_one_line()
    {
        using var dir = new TempDirectory();
        string dataText = string.Join("\n", Enumerable.Range(0, 8).Select(i => string.Join(",", Enumerable.Range(0, 6).Select(k => (i * k % 5).ToString()))));
        string data = dir.Write("data.csv", dataText);
        string bad = dir.Write("bad.lrnn", [0x89, (byte)'L', (byte)'R', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A, 1, 0, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5]);
        foreach (string[] args in new[]
        {
            new[] { "svlearn", "evaluate", bad, "--data", "spambase", "--limit", "40" },
            ["svlearn", "evaluate", dir.File("missing.lrnn"), "--data", "spambase"],
            ["svlearn", "train", "--data", dir.File("nothing.csv"), "-o", dir.File("m.lrnn")],
            ["svlearn", "train", "--data", "spambase", "--window", "64x64", "-o", dir.File("m.lrnn")],
            ["svlearn", "train", "--data", "spambase", "--hidden", "0,3", "-o", dir.File("m.lrnn")],
            // Checked before the labels are computed: the cache folder below is never created.
            ["svlearn", "train", "--data", "spambase", "--epochs", "0", "--cache", dir.File("cache"), "-o", dir.File("m.lrnn")],
            ["svlearn", "train", "--data", "spambase", "--dropout", "1", "--cache", dir.File("cache"), "-o", dir.File("m.lrnn")],
            ["svlearn", "train", "--data", "spambase", "--cache", dir.File("cache"), "-o", dir.Path],
            ["svlearn", "train", "--data", data, "--window", "4x4", "--cache", dir.File("cache"), "-o", data],
            ["svlearn", "predict", bad, data, "-o", dir.File("out.xyz")],
            // A window or stride is taken or refused, never ignored (--limit and --epochs keep a run that ignored them short).
            ["svlearn", "train", "--data", "fashion-mnist", "--stride", "2", "--limit", "50", "--epochs", "1", "--cache", dir.File("cache"), "-o", dir.File("m.lrnn")],
            ["svlearn", "train", "--data", "fashion-mnist", "--window", "32x32", "--limit", "50", "--epochs", "1", "--cache", dir.File("cache"), "-o", dir.File("m.lrnn")],
            ["svlearn", "train", "--data", "spambase", "--stack", "--window", "4x4", "--limit", "40", "--epochs", "1", "--cache", dir.File("cache"), "-o", dir.File("m.lrnn")],
            ["svlearn", "train", "--data", data, "--stack", "--window", "2x3", "--stride", "2", "--epochs", "1", "--cache", dir.File("cache"), "-o", dir.File("m.lrnn")],
        })
        {
            var r = CliRunner.Run(args);
            Assert.True(r.ExitCode == 2, $"{string.Join(" ", args)}: exit {r.ExitCode}, {r.Stderr}");
            Assert.StartsWith("error: ", r.Stderr);
            Assert.Single(r.Stderr.TrimEnd().Split('\n'));
            Assert.Empty(r.Stdout);
        }
        Assert.Equal(dataText, File.ReadAllText(data)); // the input is never overwritten
        Assert.Equal(["bad.lrnn", "data.csv"], dir.FileNames()); // nothing written: no model, no cache, no temporary
    }

    [Fact]
    public void Quick_experiment_writes_the_report_and_both_splits()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Run("experiment", "svlearn", "--data", "spambase", "--quick", "--out", dir.File("report"), "--cache", dir.File("cache"), "--json");
        var j = CliRunner.Json(run);
        WrittenFiles.AssertEveryFileReported(run, dir.File("report"), json: true);
        foreach (string field in new[] { "nmse_mean", "nmse_std", "mae_mean", "mae_std" })
        {
            Assert.True(j.GetProperty(field).GetDouble() >= 0, field);
            Assert.True(j.GetProperty("leakage_free").GetProperty(field).GetDouble() >= 0, field);
        }
        Assert.Equal(0.0404, j.GetProperty("published").GetProperty("nmse_mean").GetDouble());
        Assert.Equal("row-blocks", j.GetProperty("leakage_free_protocol").GetProperty("split").GetString());
        Assert.True(j.GetProperty("throughput").GetProperty("svd_per_second").GetDouble() > 0);
        Assert.True(File.Exists(Path.Combine(dir.File("report"), "index.html")));
        Assert.True(File.Exists(Path.Combine(dir.File("report"), "reconstruction-random-light.png")));
        var targets = j.GetProperty("targets").EnumerateArray().ToArray();
        Assert.Equal(["not judged", "PASS"], targets.Select(t => t.GetProperty("result").GetString())); // the NMSE target is the full run's
        Assert.False(j.TryGetProperty("all_targets_passed", out _)); // not judged is never passed
        Assert.Equal(j.ToString(), System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("report"), "results.json"))).RootElement.ToString());
    }
}
