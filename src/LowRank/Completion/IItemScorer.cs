namespace LowRank.Completion;

/// <summary>
/// A fitted model that scores every item of the catalogue for a user, higher meaning more likely to be liked or
/// interacted with. Top-N evaluation ranks all items a user has not interacted with in training by these scores
/// (the protocol of implicit, RecBole and Rendle et al. 2009 §6), and <c>recommend --all</c> batches them. Explicit
/// rating predictors score by their unclipped predicted rating; implicit-feedback models by their preference score.
/// </summary>
public interface IItemScorer
{
    /// <summary>Users the model was fitted on (0-based indices).</summary>
    int UserCount { get; }

    /// <summary>Items the model was fitted on (0-based indices).</summary>
    int ItemCount { get; }

    /// <summary>Writes the user's score of every item into <paramref name="scores"/> (length <see cref="ItemCount"/>).</summary>
    void ScoreItems(int user, Span<double> scores);
}
