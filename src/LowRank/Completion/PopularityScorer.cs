namespace LowRank.Completion;

/// <summary>
/// The popularity baseline of top-N evaluation: every user gets the items with the most training interactions
/// (ratings of any value, or the interactions of implicit feedback), the floor a personalised model must beat
/// (Cremonesi, Koren &amp; Turrin, RecSys 2010, "TopPop").
/// </summary>
public sealed class PopularityScorer : IItemScorer
{
    private readonly double[] _counts;

    /// <summary>Counts each item's entries in <paramref name="train"/>.</summary>
    public PopularityScorer(RatingSet train)
    {
        UserCount = train.UserCount;
        _counts = new double[train.ItemCount];
        for (int i = 0; i < train.ItemCount; i++) _counts[i] = train.EntriesOfItem(i).Length;
    }

    public int UserCount { get; }

    public int ItemCount => _counts.Length;

    /// <summary>The item's number of training interactions, the same for every user.</summary>
    public void ScoreItems(int user, Span<double> scores) => _counts.CopyTo(scores);
}
