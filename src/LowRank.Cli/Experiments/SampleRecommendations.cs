using LowRank.Completion;
using LowRank.Completion.Evaluation;

namespace LowRank.Cli.Experiments;

/// <summary>
/// One user's best-rated items and the top-N unrated items a model recommends to them, with titles where known: the
/// "recommendations for a sample user" of the completion experiment and the demo.
/// </summary>
internal sealed record SampleRecommendations(string User, string Method, IReadOnlyList<SampleRecommendations.Line> Liked,
    IReadOnlyList<SampleRecommendations.Line> Recommended)
{
    /// <summary>An item (its id and title, if any) with the user's rating or the model's predicted rating.</summary>
    public sealed record Line(string Item, string? Title, double Rating);

    /// <summary>
    /// Fits <paramref name="method"/> on all of <paramref name="ratings"/> and ranks every item <paramref name="user"/> has not
    /// rated by the unclipped score (<see cref="IItemScorer"/>), reporting the clipped predicted rating.
    /// </summary>
    public static SampleRecommendations For(RatingSet ratings, int user, string method, CompletionOptions options, int count,
        Func<int, string> userId, Func<int, string> itemId, Func<int, string?> title, CancellationToken cancellationToken)
    {
        var predictor = PredictorRegistry.Create(method, options);
        predictor.Fit(ratings, cancellationToken);
        var scores = new double[ratings.ItemCount];
        var rated = new bool[ratings.ItemCount];
        foreach (int e in ratings.EntriesOfUser(user)) rated[ratings.Items[e]] = true;
        predictor.ScoreItems(user, scores);
        var top = new int[count];
        int n = TopNMetrics.Best(scores, rated, top);
        var liked = ratings.EntriesOfUser(user).ToArray().OrderByDescending(e => ratings.Values[e]).ThenBy(e => ratings.Items[e]).Take(count)
            .Select(e => new Line(itemId(ratings.Items[e]), title(ratings.Items[e]), ratings.Values[e])).ToArray();
        var recommended = top[..n].Select(i => new Line(itemId(i), title(i), predictor.Predict(user, i))).ToArray();
        return new SampleRecommendations(userId(user), method, liked, recommended);
    }
}
