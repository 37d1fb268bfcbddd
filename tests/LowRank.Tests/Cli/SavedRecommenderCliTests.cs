using System.Globalization;
using LowRank.Completion;
using LowRank.IO;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>fit, recommend --model / --all / --ratings, predict and similar through the command line.</summary>
public class SavedRecommenderCliTests
{
    /// <summary>A small ratings CSV (ids u0.., i0.., ratings 1–5) with a catalogue of titles beside it.</summary>
    private static string Ratings(TempDirectory dir)
    {
        var set = SyntheticRatings.Generate(40, 30, rank: 2, density: 0.5, noise: 0.2, seed: 5);
        var lines = new List<string> { "user,item,rating" };
        for (int e = 0; e < set.Count; e++)
            lines.Add($"u{set.Users[e]},i{set.Items[e]},{set.Values[e].ToString(CultureInfo.InvariantCulture)}");
        dir.Write("movies.dat", string.Join("\n", Enumerable.Range(0, 30).Select(i => $"i{i}::Film {i}, the sequel::Drama")) + "\n");
        return dir.Write("ratings.csv", string.Join("\n", lines) + "\n");
    }

    private static string Fit(TempDirectory dir, string ratings, string method = "als")
    {
        string model = dir.File($"{method}.lrm");
        var json = CliRunner.Json(CliRunner.Run("fit", ratings, "--method", method, "--rank", "3", "-o", model, "--json"));
        Assert.Equal(method, json.GetProperty("method").GetString());
        Assert.True(json.GetProperty("titles").GetBoolean());
        return model;
    }

    private static HashSet<string> RatedBy(string ratings, string user) =>
        File.ReadAllLines(ratings).Where(l => l.StartsWith(user + ",", StringComparison.Ordinal)).Select(l => l.Split(',')[1]).ToHashSet();

    private static void AssertOneLineError(CliRunner.Result r, params string[] fragments)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd().Split('\n'));
        foreach (string f in fragments) Assert.Contains(f, r.Stderr);
    }

    [Fact]
    public void ASavedModelRecommendsWhatTheBatchListsAndTheInMemoryModelRanks()
    {
        using var dir = new TempDirectory();
        string ratings = Ratings(dir), model = Fit(dir, ratings);
        var json = CliRunner.Json(CliRunner.Run("recommend", "--model", model, "--user", "u3", "--top", "5", "--json"));
        var items = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()!).ToArray();
        Assert.Equal(5, items.Length);
        Assert.Equal("Film " + items[0][1..] + ", the sequel", json.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.DoesNotContain(items, RatedBy(ratings, "u3").Contains);

        string recs = dir.File("recs.csv");
        Assert.Equal(0, CliRunner.Run("recommend", "--model", model, "--all", "--top", "5", "-o", recs).ExitCode);
        var lines = File.ReadAllLines(recs);
        Assert.Equal("user,rank,item,score,title", lines[0]);
        Assert.Equal(1 + 40 * 5, lines.Length);
        var u3 = lines.Skip(1).Where(l => l.StartsWith("u3,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["1", "2", "3", "4", "5"], u3.Select(f => f[1]));
        Assert.Equal(items, u3.Select(f => f[2]));
        Assert.EndsWith(",\"Film " + items[0][1..] + ", the sequel\"", lines.First(l => l.StartsWith("u3,1,", StringComparison.Ordinal)));

        // Training on the fly (no saved model) gives the same lists.
        string fresh = dir.File("fresh.csv");
        Assert.Equal(0, CliRunner.Run("recommend", ratings, "--rank", "3", "--all", "--top", "5", "-o", fresh).ExitCode);
        Assert.Equal(lines, File.ReadAllLines(fresh));
    }

    [Fact]
    public void MinimumSupportLeavesRarelyRatedItemsOutAndShrinkageRescoresThem()
    {
        using var dir = new TempDirectory();
        string ratings = Ratings(dir), model = Fit(dir, ratings);
        var support = File.ReadAllLines(ratings).Skip(1).GroupBy(l => l.Split(',')[1]).ToDictionary(g => g.Key, g => g.Count());
        int threshold = support.Values.Order().ElementAt(support.Count / 2);
        string recs = dir.File("recs.csv");
        Assert.Equal(0, CliRunner.Run("recommend", "--model", model, "--all", "--min-support", threshold.ToString(CultureInfo.InvariantCulture), "-o", recs).ExitCode);
        var listed = File.ReadAllLines(recs).Skip(1).Select(l => l.Split(',')[2]).ToArray();
        Assert.NotEmpty(listed);
        Assert.All(listed, item => Assert.True(support[item] >= threshold));
        var shrunk = CliRunner.Json(CliRunner.Run("recommend", "--model", model, "--user", "u1", "--top", "30", "--shrinkage", "5", "--json"));
        var saved = RecommenderModelFile.Read(model);
        saved.TryGetUser("u1", out int u1);
        foreach (var entry in shrunk.GetProperty("items").EnumerateArray())
        {
            saved.TryGetItem(entry.GetProperty("item").GetString()!, out int i);
            double baseline = saved.Mean + saved.UserBias[u1], n = saved.Support(i);
            Assert.Equal(baseline + (saved.Estimate(u1, i) - baseline) * n / (n + 5), entry.GetProperty("score").GetDouble(), 9);
        }
        AssertOneLineError(CliRunner.Run("recommend", ratings, "--user", "u1", "--shrinkage", "5"), "--shrinkage", "--model");
        var trained = CliRunner.Json(CliRunner.Run("recommend", ratings, "--user", "u1", "--method", "baseline", "--min-support", threshold.ToString(CultureInfo.InvariantCulture), "--json"));
        Assert.All(trained.GetProperty("items").EnumerateArray(), i => Assert.True(support[i.GetProperty("item").GetString()!] >= threshold));
    }

    [Fact]
    public void ANewUserIsFoldedInWithUnknownItemsCountedAndIgnored()
    {
        using var dir = new TempDirectory();
        string ratings = Ratings(dir), model = Fit(dir, ratings);
        string mine = dir.Write("me.csv", "item,rating\ni1,5\ni2,1\nnot-an-item,4\ni7,4.5\n");
        var json = CliRunner.Json(CliRunner.Run("recommend", "--model", model, "--ratings", mine, "--user", "me", "--top", "30", "--json"));
        Assert.Equal(3, json.GetProperty("rated").GetInt32());
        Assert.Equal(1, json.GetProperty("unknown_items").GetInt32());
        var items = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()!).ToArray();
        Assert.Equal(27, items.Length);
        Assert.DoesNotContain(items, i => i is "i1" or "i2" or "i7");

        AssertOneLineError(CliRunner.Run("recommend", "--model", model, "--ratings", dir.Write("bad.csv", "i1,5\ni2,6\n")), "bad.csv", "line 2", "outside the model's scale");
        AssertOneLineError(CliRunner.Run("recommend", "--model", model, "--user", "stranger"), "'stranger'", "--ratings");
        AssertOneLineError(CliRunner.Run("recommend", ratings, "--ratings", mine), "--model");
    }

    [Fact]
    public void PredictFlagsColdStartPairsAndFallsBackToTheBaseline()
    {
        using var dir = new TempDirectory();
        string ratings = Ratings(dir), model = Fit(dir, ratings);
        string pairs = dir.Write("pairs.csv", "user,item\nu1,i4\nu1,new-item\nnew-user,i4\nnew-user,new-item\n");
        var json = CliRunner.Json(CliRunner.Run("predict", pairs, "--model", model, "--json"));
        Assert.Equal(4, json.GetProperty("pairs").GetInt32());
        Assert.Equal(3, json.GetProperty("cold_start").GetInt32());
        var saved = RecommenderModelFile.Read(model);
        saved.TryGetUser("u1", out int u1);
        saved.TryGetItem("i4", out int i4);
        var predictions = json.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.Equal(saved.Predict(u1, i4), predictions[0].GetProperty("prediction").GetDouble(), 6);
        Assert.Equal(saved.Mean + saved.UserBias[u1], predictions[1].GetProperty("prediction").GetDouble(), 6);
        Assert.Equal(saved.Mean + saved.ItemBias[i4], predictions[2].GetProperty("prediction").GetDouble(), 6);
        Assert.Equal(saved.Mean, predictions[3].GetProperty("prediction").GetDouble(), 6);
        Assert.Equal([false, true, true, true], predictions.Select(p => p.GetProperty("cold_start").GetBoolean()));

        string output = dir.File("out.csv");
        Assert.Equal(0, CliRunner.Run("predict", pairs, "--model", model, "-o", output).ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal("user,item,prediction,cold_start", lines[0]);
        Assert.Equal(["0", "1", "1", "1"], lines.Skip(1).Select(l => l.Split(',')[3]));
    }

    [Fact]
    public void SimilarListsItemsByCosineAndABiasesOnlyModelHasNone()
    {
        using var dir = new TempDirectory();
        string ratings = Ratings(dir), model = Fit(dir, ratings);
        var json = CliRunner.Json(CliRunner.Run("similar", "--model", model, "--item", "i4", "--top", "3", "--json"));
        var cosines = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("cosine").GetDouble()).ToArray();
        Assert.Equal(3, cosines.Length);
        Assert.Equal(cosines.OrderDescending(), cosines);
        Assert.All(cosines, c => Assert.InRange(c, -1 - 1e-12, 1 + 1e-12));
        Assert.DoesNotContain(json.GetProperty("items").EnumerateArray(), i => i.GetProperty("item").GetString() == "i4");
        AssertOneLineError(CliRunner.Run("similar", "--model", Fit(dir, ratings, "baseline"), "--item", "i4"), "no item factors");
        AssertOneLineError(CliRunner.Run("similar", "--model", model, "--item", "nothing"), "'nothing'");
    }

    [Fact]
    public void FitRefusesMethodsThatCannotBeSavedAndWritesNothing()
    {
        using var dir = new TempDirectory();
        string ratings = Ratings(dir), model = dir.File("m.lrm");
        AssertOneLineError(CliRunner.Run("fit", ratings, "--method", "bpmf", "-o", model), "bpmf", "baseline, als, sgd");
        Assert.False(File.Exists(model));
        AssertOneLineError(CliRunner.Run("recommend", ratings, "--method", "knn-baseline", "--all", "-o", dir.File("r.csv")), "baseline, als, sgd");
        AssertOneLineError(CliRunner.Run("recommend", ratings, "--method", "all", "--all", "-o", dir.File("r.csv")), "not all");
        Assert.False(File.Exists(dir.File("r.csv")));
    }

    [Fact]
    public void DamagedOrForeignModelFilesExitTwoWithOneLine()
    {
        using var dir = new TempDirectory();
        string ratings = Ratings(dir), model = Fit(dir, ratings);
        byte[] bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0x10;
        string flipped = dir.Write("flipped.lrm", bytes);
        string cut = dir.Write("cut.lrm", File.ReadAllBytes(model)[..^10]);
        AssertOneLineError(CliRunner.Run("recommend", "--model", flipped, "--user", "u1"), "flipped.lrm", "checksum");
        AssertOneLineError(CliRunner.Run("predict", ratings, "--model", cut), "cut.lrm", "truncated");
        AssertOneLineError(CliRunner.Run("similar", "--model", ratings, "--item", "i1"), "ratings.csv", "wrong magic");
        AssertOneLineError(CliRunner.Run("recommend", "--model", dir.File("none.lrm"), "--user", "u1"), "no such file");
    }

    [Fact]
    public void RecommendNeedsOneSourceAndOneRequest()
    {
        using var dir = new TempDirectory();
        string ratings = Ratings(dir), model = Fit(dir, ratings);
        AssertOneLineError(CliRunner.Run("recommend", "--user", "u1"), "ratings file", "--model");
        AssertOneLineError(CliRunner.Run("recommend", ratings, "--model", model, "--user", "u1"), "one of the two");
        AssertOneLineError(CliRunner.Run("recommend", "--model", model), "--user U, --all or --ratings");
        AssertOneLineError(CliRunner.Run("recommend", "--model", model, "--all"), "-o FILE");
        AssertOneLineError(CliRunner.Run("recommend", "--model", model, "--user", "u1", "--method", "sgd"), "--method");
        AssertOneLineError(CliRunner.Run("recommend", "--model", model, "--all", "-o", model), "refusing to overwrite");
    }
}
