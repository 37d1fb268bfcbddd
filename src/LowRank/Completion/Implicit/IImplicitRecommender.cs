namespace LowRank.Completion.Implicit;

/// <summary>
/// A model of implicit feedback (clicks, plays, ratings above a threshold): fitted on <see cref="Interactions"/>, it
/// scores every item for a user (<see cref="IItemScorer"/>), so one top-N evaluation ranks them all.
/// Built by name from <see cref="ImplicitRegistry"/>.
/// </summary>
public interface IImplicitRecommender : IItemScorer
{
    /// <summary>The registry name ("implicit-als", "bpr", "item-knn").</summary>
    string Name { get; }

    /// <summary>Learns the model from <paramref name="train"/>; a second call starts afresh.</summary>
    void Fit(Interactions train, CancellationToken cancellationToken = default);
}
