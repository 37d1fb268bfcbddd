using System.Text.Json;
using LowRank.Completion;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>complete, evaluate, recommend and experiment completion through the command line.</summary>
public class CompletionCliTests
{
    private const string Lecture = "2,?,10,5,?\n?,3,?,?,2\n?,1.5,?,1,?\n";

    /// <summary>A small ratings CSV from the synthetic generator (ids u0.., i0..), with a header.</summary>
    private static string SyntheticCsv(TempDirectory dir)
    {
        var set = SyntheticRatings.Generate(40, 30, rank: 2, density: 0.5, noise: 0.2, seed: 5);
        var lines = new List<string> { "user,item,rating" };
        for (int e = 0; e < set.Count; e++) lines.Add($"u{set.Users[e]},i{set.Items[e]},{set.Values[e].ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return dir.Write("ratings.csv", string.Join("\n", lines) + "\n");
    }

    [Theory]
    [InlineData("hard-impute")]
    [InlineData("als")]
    public void CompleteRecoversTheLectureExampleAndWritesTheFile(string method)
    {
        using var dir = new TempDirectory();
        string input = dir.Write("lecture.csv", Lecture), output = dir.File("done.csv");
        var json = CliRunner.Json(CliRunner.Run("complete", input, "--exact", "--rank", "1", "--method", method, "-o", output, "--json"));
        foreach (string field in new[] { "method", "rank", "observed", "missing", "seconds", "iterations", "converged" })
            Assert.True(json.TryGetProperty(field, out _), field);
        Assert.Equal(7, json.GetProperty("observed").GetInt32());
        Assert.Equal(8, json.GetProperty("missing").GetInt32());
        Assert.True(json.GetProperty("converged").GetBoolean());
        var completed = LowRank.IO.MatrixFile.Read(output).Values;
        Assert.True(Core.TestMatrices.MaxAbsDiff(completed, LectureExample.RankOneCompletion) < 1e-6);
    }

    [Fact]
    public void CompleteRefusesToOverwriteItsInput()
    {
        using var dir = new TempDirectory();
        string input = dir.Write("lecture.csv", Lecture);
        var r = CliRunner.Run("complete", input, "--rank", "1", "-o", input);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("refusing to overwrite the input", r.Stderr);
        Assert.Equal(Lecture, File.ReadAllText(input));
    }

    /// <summary>
    /// The defaults are the rating-prediction ones: no --rank needed, every filled-in entry inside the observed range
    /// [1, 10] (the exact rank-1 completion has 0.4 and 0.8), and the report says so.
    /// </summary>
    [Theory]
    [InlineData("als")]
    [InlineData("hard-impute")]
    [InlineData("soft-impute")]
    [InlineData("mean-svd")]
    public void CompleteDefaultsNeedNoRankAndClipToTheObservedRange(string method)
    {
        using var dir = new TempDirectory();
        string input = dir.Write("lecture.csv", Lecture), output = dir.File("done.csv");
        var json = CliRunner.Json(CliRunner.Run("complete", input, "--method", method, "-o", output, "--json"));
        Assert.True(json.GetProperty("clipped").GetBoolean());
        Assert.Equal([1.0, 10.0], json.GetProperty("scale").EnumerateArray().Select(x => x.GetDouble()));
        var completed = LowRank.IO.MatrixFile.Read(output).Values;
        Assert.All(completed.Data, x => Assert.InRange(x, 1, 10));
        var table = CliRunner.Run("complete", input, "--method", method);
        Assert.Contains("clipped to [1, 10] (the observed range)", table.Stdout);
    }

    [Fact]
    public void CompleteGivesAUserWithoutRatingsTheBaselineNotZero()
    {
        using var dir = new TempDirectory();
        string input = dir.Write("m.csv", "4,5,3\n?,?,?\n2,?,4\n5,4,?\n"), output = dir.File("done.csv");
        Assert.Equal(0, CliRunner.Run("complete", input, "--method", "als", "--no-biases", "-o", output).ExitCode);
        var completed = LowRank.IO.MatrixFile.Read(output).Values;
        for (int j = 0; j < 3; j++) Assert.Equal(27.0 / 7, completed[1, j], 10); // the mean of the 7 observed ratings
    }

    [Theory]
    [InlineData("--biases", "--no-biases")]
    [InlineData("--exact", "--method", "sgd")]
    [InlineData("--exact", "--scale", "1:10")]
    [InlineData("--scale", "2:10")]
    public void CompleteRefusesContradictoryOrImpossibleSettings(params string[] args)
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run(["complete", dir.Write("lecture.csv", Lecture), .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
    }

    /// <summary>The case: complete on MovieLens 100k gave values from −11,175 to +20,787; the defaults stay finite and on the 1–5 scale.</summary>
    [Completion.FactIfMovieLens]
    public void CompleteDefaultsGiveFiniteInScalePredictionsOnMovieLens()
    {
        using var dir = new TempDirectory();
        string output = dir.File("pred.npy");
        var json = CliRunner.Json(CliRunner.Run("complete", Completion.FactIfMovieLensAttribute.MovieLensPath!, "--method", "als", "-o", output, "--json"));
        Assert.Equal(100_000, json.GetProperty("observed").GetInt32());
        var completed = LowRank.IO.MatrixFile.Read(output).Values;
        Assert.Equal((943, 1682), (completed.Rows, completed.Cols));
        Assert.All(completed.Data, x => Assert.InRange(x, 1, 5));
    }

    [Fact]
    public void EvaluateOneMethodHasTheDesignFields()
    {
        using var dir = new TempDirectory();
        var json = CliRunner.Json(CliRunner.Run("evaluate", SyntheticCsv(dir), "--method", "als", "--rank", "2", "--folds", "3", "--json"));
        foreach (string field in new[] { "method", "rmse", "mae", "rmse_per_fold", "mae_per_fold", "precision_at_n", "recall_at_n", "ndcg_at_n", "seconds" })
            Assert.True(json.TryGetProperty(field, out _), field);
        Assert.Equal("als", json.GetProperty("method").GetString());
        Assert.Equal(3, json.GetProperty("rmse_per_fold").GetArrayLength());
    }

    [Fact]
    public void EvaluateAllListsEveryRegisteredMethod()
    {
        using var dir = new TempDirectory();
        var json = CliRunner.Json(CliRunner.Run("evaluate", SyntheticCsv(dir), "--method", "all", "--rank", "2", "--folds", "2", "--json"));
        var names = json.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("method").GetString()!).ToArray();
        Assert.Equal(PredictorRegistry.Names, names);
        var table = CliRunner.Run("evaluate", SyntheticCsv(dir), "--method", "all", "--rank", "2", "--folds", "2");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("0.934 / 0.737 SVD", table.Stdout);
    }

    [Fact]
    public void RecommendListsUnratedItemsByTheirIds()
    {
        using var dir = new TempDirectory();
        string path = SyntheticCsv(dir);
        var json = CliRunner.Json(CliRunner.Run("recommend", path, "--user", "u3", "--top", "4", "--method", "baseline", "--json"));
        Assert.Equal("u3", json.GetProperty("user").GetString());
        var items = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()!).ToArray();
        Assert.Equal(4, items.Length);
        var rated = File.ReadAllLines(path).Where(l => l.StartsWith("u3,", StringComparison.Ordinal)).Select(l => l.Split(',')[1]).ToHashSet();
        Assert.All(items, i => Assert.DoesNotContain(i, rated));
        var unknown = CliRunner.Run("recommend", path, "--user", "nobody");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'nobody'", unknown.Stderr);
    }

    [Fact]
    public void RecommendShowsMovieLensTitlesFromTheCatalogueBesideTheRatings()
    {
        using var dir = new TempDirectory();
        string ratings = dir.Write("u.data", "1\t10\t5\t0\n1\t20\t3\t0\n2\t10\t4\t0\n2\t30\t5\t0\n");
        dir.Write("u.item", "10|Ten (1990)|x\n20|Twenty (1991)|x\n30|Thirty (1992)|x\n");
        var json = CliRunner.Json(CliRunner.Run("recommend", ratings, "--user", "1", "--method", "baseline", "--json"));
        var item = json.GetProperty("items")[0];
        Assert.Equal("30", item.GetProperty("item").GetString());
        Assert.Equal("Thirty (1992)", item.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("1\t2\t3\n1\t3\n", "line 2")]
    [InlineData("1\t2\t3\n1\t3\tfive\n", "line 2")]
    [InlineData("1\t2\t3\n2\t2\t4\n1\t2\t5\n", "line 3", "line 1")]
    public void BadRatingsLinesExitTwoNamingTheLine(string text, params string[] fragments)
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("evaluate", dir.Write("u.data", text), "--method", "baseline");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains("u.data", r.Stderr);
        foreach (string f in fragments) Assert.Contains(f, r.Stderr);
    }

    [Fact]
    public void OutOfScaleRatingExitsTwo()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("evaluate", dir.Write("u.data", "1\t2\t3\n1\t3\t7\n"), "--method", "baseline", "--scale", "1:5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("line 2", r.Stderr);
        Assert.Contains("outside the scale", r.Stderr);
    }

    [Fact]
    public void ExperimentWritesTheReportAndResults()
    {
        using var dir = new TempDirectory();
        string data = SyntheticCsv(dir), outDir = dir.File("report");
        var json = CliRunner.Json(CliRunner.Run("experiment", "completion", "--data", data, "--out", outDir, "--folds", "2", "--json"));
        Assert.Equal(PredictorRegistry.Names.Count, json.GetProperty("methods").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(outDir, "index.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "results.json")));
        Assert.True(json.GetProperty("lecture").GetProperty("hard_impute_max_error").GetDouble() < 1e-6);
        // The fold-in example: user 1 left out of training, folded in, recommended as many items as --top, none of them rated.
        var foldIn = json.GetProperty("fold_in");
        Assert.True(foldIn.GetProperty("ratings").GetInt32() > 0);
        var recommended = foldIn.GetProperty("recommended").EnumerateArray().Select(l => l.GetProperty("item").GetString()!).ToArray();
        Assert.Equal(json.GetProperty("protocol").GetProperty("top_n").GetInt32(), recommended.Length);
        var rated = File.ReadLines(data).Select(l => l.Split(',')).Where(f => f[0] == foldIn.GetProperty("user").GetString()).Select(f => f[1]).ToHashSet();
        Assert.DoesNotContain(recommended, rated.Contains);
    }
}
