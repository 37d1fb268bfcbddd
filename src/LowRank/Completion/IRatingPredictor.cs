using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// A rating predictor: fit on observed ratings, then predict any (user, item) pair. Every completion and
/// recommendation method implements this one interface, the way Surprise's algorithms share <c>AlgoBase</c>,
/// so that one cross-validation routine evaluates them all. Predictions are clipped to the training set's scale;
/// as an <see cref="IItemScorer"/> a predictor scores items by its unclipped estimate (clipping would tie the best items).
/// </summary>
public interface IRatingPredictor : IItemScorer
{
    /// <summary>The method's command-line name, e.g. "als".</summary>
    string Name { get; }

    /// <summary>Learns from the observed ratings. May be called again on another set (a new fold).</summary>
    void Fit(RatingSet train, CancellationToken cancellationToken = default);

    /// <summary>The predicted rating of one pair, clipped to the scale.</summary>
    double Predict(int user, int item);

    /// <summary>The completed users × items matrix, clipped to the scale.</summary>
    Matrix PredictAll();

    /// <summary>The user's <paramref name="count"/> best-scored items among those not rated in the training set.</summary>
    IReadOnlyList<ScoredItem> Recommend(int user, int count);
}
