using System.CommandLine;
using LowRank.Completion;
using LowRank.Completion.Saved;
using LowRank.Distributed.Als;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>The options and helpers shared by the commands that make or serve a saved recommender (fit, recommend, predict, similar).</summary>
internal static class RecommenderFlags
{
    /// <summary><c>--model FILE</c>: a saved recommender.</summary>
    public static Option<string?> Model(bool required = false) => new("--model")
    {
        Description = $"Saved recommender ({RecommenderModelFile.Extension}, from lowrank fit): serve it without retraining",
        Required = required,
    };

    /// <summary><c>--min-support N</c>: leave rarely rated items out of the lists.</summary>
    public static Option<int> MinSupport() => new("--min-support")
    {
        Description = "Leave out items with fewer than N training ratings (default 0: none left out)",
        DefaultValueFactory = _ => 0,
    };

    /// <summary><c>--shrinkage β</c>: shrink the scores of rarely rated items towards the user's baseline.</summary>
    public static Option<double> Shrinkage() => new("--shrinkage")
    {
        Description = "Rank by μ + b_u + (score − μ − b_u)·n/(n + β) for an item with n training ratings (default 0: no shrinkage)",
        DefaultValueFactory = _ => 0,
    };

    public static double ReadShrinkage(ParseResult parsed, Option<double> option)
    {
        double beta = parsed.GetValue(option);
        return beta >= 0 && double.IsFinite(beta) ? beta : throw new InvalidInputException($"--shrinkage must be a finite number ≥ 0, not {beta}");
    }

    public static int ReadMinSupport(ParseResult parsed, Option<int> option)
    {
        int n = parsed.GetValue(option);
        return n >= 0 ? n : throw new InvalidInputException($"--min-support must be at least 0, not {n}");
    }

    /// <summary>The titles of the items (by index) from the catalogue next to the ratings, or null when there is none.</summary>
    public static string?[]? Titles(string ratingsPath, IdMap items)
    {
        var titles = ItemTitles.NextTo(ratingsPath);
        if (titles is null) return null;
        var byIndex = new string?[items.Count];
        for (int i = 0; i < items.Count; i++) byIndex[i] = titles.TryGetValue(items[i], out string? title) ? title : null;
        return byIndex;
    }

    /// <summary>A predictor fitted on <paramref name="data"/> as a saved model, with the ids and the titles beside <paramref name="path"/>.</summary>
    public static SavedRecommender Snapshot(IRatingPredictor predictor, RatingsData data, string path) =>
        SavedRecommenders.From(predictor, Ids(data.Users), Ids(data.Items), Titles(path, data.Items));

    /// <summary>A distributed als fit on <paramref name="data"/> as a saved model, as the single-process <see cref="Snapshot(IRatingPredictor, RatingsData, string)"/> saves one.</summary>
    public static SavedRecommender Snapshot(DistributedAlsFit fit, RatingsData data, string path) =>
        fit.ToSaved(data.Ratings, Ids(data.Users), Ids(data.Items), Titles(path, data.Items));

    private static string[] Ids(IdMap ids)
    {
        var all = new string[ids.Count];
        for (int i = 0; i < all.Length; i++) all[i] = ids[i];
        return all;
    }
}
