namespace LowRank.Completion.Evaluation;

/// <summary>
/// What a top-N model is fitted on (<see cref="ItemScorerRegistry"/>): the training ratings, the same ratings as
/// implicit interactions (each of value 1), the shared options and the cancellation token.
/// </summary>
public sealed record ScorerTraining(RatingSet Ratings, RatingSet Interactions, CompletionOptions Options, CancellationToken Cancellation)
{
    /// <summary>The ratings ≥ <paramref name="threshold"/> as interactions of value 1 (all ratings when null).</summary>
    public static RatingSet ToInteractions(RatingSet ratings, double? threshold)
    {
        var kept = new List<int>(ratings.Count);
        for (int e = 0; e < ratings.Count; e++)
            if (threshold is not double t || ratings.Values[e] >= t) kept.Add(e);
        var users = new int[kept.Count];
        var items = new int[kept.Count];
        for (int k = 0; k < kept.Count; k++)
        {
            users[k] = ratings.Users[kept[k]];
            items[k] = ratings.Items[kept[k]];
        }
        var ones = new double[kept.Count];
        Array.Fill(ones, 1.0);
        return new RatingSet(ratings.UserCount, ratings.ItemCount, users, items, ones, new RatingScale(0, 1));
    }
}
