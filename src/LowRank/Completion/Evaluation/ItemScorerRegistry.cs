using LowRank.Completion.Implicit;

namespace LowRank.Completion.Evaluation;

/// <summary>
/// The top-N models by command-line name: the one place where a model that only ranks items (popularity, and the
/// implicit-feedback models) is plugged in — one line in <see cref="Scorers"/>, a name and a fit from
/// <see cref="ScorerTraining"/>. Every rating predictor of <see cref="PredictorRegistry"/> is also a scorer, fitted on
/// the training ratings and ranking by its predicted rating.
/// </summary>
public static class ItemScorerRegistry
{
    private static readonly Dictionary<string, Func<ScorerTraining, IItemScorer>> Scorers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["popularity"] = t => new PopularityScorer(t.Interactions),
        ["implicit-als"] = t => FitImplicit("implicit-als", t),
        ["bpr"] = t => FitImplicit("bpr", t),
        ["item-knn"] = t => FitImplicit("item-knn", t),
    };

    /// <summary>An implicit-feedback model of <see cref="ImplicitRegistry"/> fitted on the training interactions (strength 1 each).</summary>
    private static IItemScorer FitImplicit(string name, ScorerTraining training)
    {
        var model = ImplicitRegistry.Create(name, training.Options);
        var set = training.Interactions;
        model.Fit(new Interactions(set.UserCount, set.ItemCount, set.Users, set.Items, set.Values), training.Cancellation);
        return model;
    }

    /// <summary>The scorers that are not rating predictors, then every rating predictor: the order of <c>--implicit --method all</c>.</summary>
    public static IReadOnlyList<string> Names => [.. Scorers.Keys, .. PredictorRegistry.Names];

    /// <summary>Whether <paramref name="name"/> is a rating predictor (it then also has RMSE and MAE).</summary>
    public static bool IsRatingPredictor(string name) => !Scorers.ContainsKey(name);

    /// <summary>The names a "--method" value stands for: "all" is every rating predictor, or with <paramref name="implicitMode"/> every scorer.</summary>
    public static IReadOnlyList<string> Resolve(string method, bool implicitMode)
    {
        if (string.Equals(method, "all", StringComparison.OrdinalIgnoreCase)) return implicitMode ? Names : PredictorRegistry.Names;
        foreach (string name in Scorers.Keys)
            if (string.Equals(name, method, StringComparison.OrdinalIgnoreCase)) return [name];
        try
        {
            return PredictorRegistry.Resolve(method);
        }
        catch (InvalidInputException)
        {
            throw new InvalidInputException($"unknown method '{method}'; choose one of {string.Join(", ", Names)} or all");
        }
    }

    /// <summary>The fitted model <paramref name="name"/>.</summary>
    public static IItemScorer Fit(string name, ScorerTraining training)
    {
        if (Scorers.TryGetValue(name, out var fit)) return fit(training);
        var predictor = PredictorRegistry.Create(name, training.Options);
        predictor.Fit(training.Ratings, training.Cancellation);
        return predictor;
    }
}
