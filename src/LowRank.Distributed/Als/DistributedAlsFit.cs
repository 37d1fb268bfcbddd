using LowRank.Completion;
using LowRank.Completion.Saved;

namespace LowRank.Distributed.Als;

/// <summary>
/// A distributed explicit ALS fit (<see cref="DistributedAls"/>), the same on every process: the biased factor model
/// r̂_ui = μ + b_u + b_i + p_uᵀq_i with p_u = <see cref="UserFactors"/>[u·k .. u·k + k) (μ = 0 and no biases when
/// <see cref="AlsOptions.Biases"/> is off), the sweeps' trace and the last training RMSE.
/// </summary>
public sealed record DistributedAlsFit(AlsOptions Options, double Mean, double TrainingMean, double[] UserBias, double[] ItemBias,
    double[] UserFactors, double[] ItemFactors, IterationTrace Trace, double TrainingRmse)
{
    /// <summary>
    /// The fit as the single-process <c>fit</c> saves an als model (<see cref="SavedRecommenders.From"/>): the same
    /// settings, fold-in rule and rated lists, from <paramref name="train"/> — the whole set, which the process that
    /// writes the model must hold.
    /// </summary>
    public SavedRecommender ToSaved(RatingSet train, IReadOnlyList<string> userIds, IReadOnlyList<string> itemIds, IReadOnlyList<string?>? itemTitles)
    {
        if (userIds.Count != train.UserCount || itemIds.Count != train.ItemCount || UserBias.Length != train.UserCount || ItemBias.Length != train.ItemCount)
            throw new ArgumentException($"{userIds.Count} user and {itemIds.Count} item ids for a model of {UserBias.Length}×{ItemBias.Length}");
        var (start, rated) = FactorModel.RatedItems(train);
        return new SavedRecommender("als", SavedRecommenders.AlsSettings(Options), train.Scale, Options.Biases ? Mean : TrainingMean, Options.Biases,
            Options.Rank, SavedRecommenders.AlsFoldIn(Options), UserBias, ItemBias, UserFactors, ItemFactors, [.. userIds], [.. itemIds], start, rated,
            itemTitles is null ? null : [.. itemTitles]);
    }
}
