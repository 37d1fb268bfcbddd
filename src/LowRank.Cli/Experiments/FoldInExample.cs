using System.Diagnostics;
using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.Completion.Saved;

namespace LowRank.Cli.Experiments;

/// <summary>
/// A new user recommended to without retraining, for the completion experiment and the demo: the sample user's ratings
/// are left out, an ALS model is fitted on everyone else and kept as a <see cref="SavedRecommender"/>, and the user is
/// then folded in (<see cref="SavedRecommender.FoldIn"/>, a closed-form regularised least-squares solve against the fixed
/// item factors) — beside the top-N of an ALS model retrained with the user's ratings, for comparison.
/// </summary>
/// <param name="User">The user's id.</param>
/// <param name="Ratings">How many ratings were folded in.</param>
/// <param name="Milliseconds">Fold-in plus top-N, in process.</param>
/// <param name="Recommended">The folded-in user's top items (score clipped to the scale).</param>
/// <param name="Retrained">The same user's top items from a model retrained with their ratings.</param>
internal sealed record FoldInExample(string User, int Ratings, double Milliseconds, IReadOnlyList<SampleRecommendations.Line> Recommended,
    IReadOnlyList<SampleRecommendations.Line> Retrained)
{
    /// <summary>How many of the folded-in user's top items the retrained model also recommends.</summary>
    public int Shared => Recommended.Count(line => Retrained.Any(other => other.Item == line.Item));

    public static FoldInExample For(RatingSet ratings, int user, CompletionOptions options, int count,
        Func<int, string> userId, Func<int, string> itemId, Func<int, string?> title, CancellationToken cancellationToken)
    {
        var own = ratings.EntriesOfUser(user).ToArray();
        var others = Enumerable.Range(0, ratings.Count).Where(e => ratings.Users[e] != user).ToArray();
        var model = Fit(ratings.Subset(others), options, userId, itemId, cancellationToken);
        var items = own.Select(e => ratings.Items[e]).ToArray();
        var values = own.Select(e => ratings.Values[e]).ToArray();
        var clock = Stopwatch.StartNew();
        var folded = model.FoldIn(items, values);
        var top = model.Recommend(folded, count);
        double milliseconds = clock.Elapsed.TotalMilliseconds;
        var retrained = Fit(ratings, options, userId, itemId, cancellationToken).Recommend(user, count);
        SampleRecommendations.Line Line(ScoredItem s) => new(itemId(s.Item), title(s.Item), ratings.Scale.Clip(s.Score));
        return new FoldInExample(userId(user), own.Length, milliseconds, top.Select(Line).ToArray(), retrained.Select(Line).ToArray());
    }

    private static SavedRecommender Fit(RatingSet train, CompletionOptions options, Func<int, string> userId, Func<int, string> itemId,
        CancellationToken cancellationToken)
    {
        var als = PredictorRegistry.Create("als", options);
        als.Fit(train, cancellationToken);
        return SavedRecommenders.From(als, Enumerable.Range(0, train.UserCount).Select(userId).ToArray(),
            Enumerable.Range(0, train.ItemCount).Select(itemId).ToArray());
    }
}
