using static System.FormattableString;

namespace LowRank.Completion.Saved;

/// <summary>
/// Which fitted predictors can be saved as a <see cref="SavedRecommender"/>, and the fold-in rule and settings each
/// one stores: the factor models (<see cref="FactorModel"/>: als, sgd, and baseline as a biases-only model). The
/// others cannot: svdpp's user factor sums the factors of the rated items (no fixed p_u to store), knn-baseline keeps
/// a neighbourhood per item, bpmf averages many sampled models, blend combines several models, and the SVD methods
/// (mean-svd, hard-impute, soft-impute) hold a completed matrix without biases to fall back to.
/// </summary>
public static class SavedRecommenders
{
    /// <summary>The methods whose fitted models can be saved, in registry order.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["baseline", "als", "sgd"];

    /// <summary>
    /// The method's name when it can be saved; otherwise an <see cref="InvalidInputException"/> naming the savable
    /// ones (checked before fitting, so that nobody waits for a model that cannot be kept).
    /// </summary>
    public static string CheckSavable(string method) =>
        Methods.FirstOrDefault(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidInputException($"a {method} model cannot be saved; the methods that can are {string.Join(", ", Methods)}");

    /// <summary>
    /// The fitted <paramref name="predictor"/> (after <see cref="IRatingPredictor.Fit"/>) as a saved model with the
    /// given external ids (by index) and optional item titles.
    /// </summary>
    public static SavedRecommender From(IRatingPredictor predictor, IReadOnlyList<string> userIds, IReadOnlyList<string> itemIds,
        IReadOnlyList<string?>? itemTitles = null) => predictor switch
    {
        AlsPredictor als => als.Snapshot(AlsSettings(als.Options), AlsFoldIn(als.Options), userIds, itemIds, itemTitles),
        SgdPredictor sgd => sgd.Snapshot(Invariant($"rank={sgd.Options.Rank} epochs={sgd.Options.Epochs} learning-rate={sgd.Options.LearningRate:R} ")
                + Invariant($"reg={sgd.Options.Regularization:R} init-std={sgd.Options.InitStd:R} seed={sgd.Options.Seed}"),
            new FoldInRule(sgd.Options.Regularization, 1), userIds, itemIds, itemTitles),
        BaselinePredictor baseline => baseline.Snapshot(Invariant($"reg-u={baseline.Options.UserRegularization:R} ")
                + Invariant($"reg-i={baseline.Options.ItemRegularization:R} epochs={baseline.Options.Epochs}"),
            new FoldInRule(baseline.Options.UserRegularization, 0), userIds, itemIds, itemTitles),
        _ => throw new InvalidInputException($"a {predictor.Name} model cannot be saved; the methods that can are {string.Join(", ", Methods)}"),
    };

    /// <summary>The settings an als model is saved with (also by the distributed fit).</summary>
    internal static string AlsSettings(AlsOptions o) =>
        Invariant($"rank={o.Rank} lambda={o.Lambda:R} lambda-exponent={o.Exponent:R} ")
        + Invariant($"epochs={o.Epochs} tolerance={o.Tolerance:R} biases={(o.Biases ? "yes" : "no")} seed={o.Seed}");

    /// <summary>The fold-in rule of an als model: its own ridge λ·n^α.</summary>
    internal static FoldInRule AlsFoldIn(AlsOptions o) => new(o.Lambda, o.Exponent);
}
