namespace LowRank.Completion.Evaluation;

/// <summary>
/// Top-N evaluation over the whole catalogue, the protocol of implicit, RecBole and Rendle et al. (UAI 2009, §6.2):
/// for each user, every item the user has not interacted with in training is scored by the model
/// (<see cref="IItemScorer"/>), the N best (ties by item index) are the recommendations, and the relevant items are the
/// user's held-out items with a rating ≥ the threshold. Users without a relevant held-out item are skipped. Per user:
/// precision@N = hits / N; recall@N = hits / |relevant|; AP@N = Σ_(p≤N) precision@p·rel_p / min(N, |relevant|)
/// (MAP is its mean); NDCG@N = Σ_(p≤N) rel_p / log₂(p + 1) divided by the same sum for the ideal order (binary gains,
/// Järvelin &amp; Kekäläinen 2002); hit rate = 1 when hits ≥ 1. Catalogue coverage = distinct items recommended to the
/// evaluated users / items in the catalogue. With no relevant held-out item at all every score is NaN (undefined, not 0).
/// </summary>
public static class TopNMetrics
{
    /// <summary>
    /// Scores <paramref name="scorer"/> on <paramref name="test"/>; <paramref name="seen"/> holds each user's training
    /// interactions (excluded from the ranking). Both sets share the scorer's index space.
    /// </summary>
    public static TopNScores Compute(IItemScorer scorer, RatingSet seen, RatingSet test, int n, double threshold,
        CancellationToken cancellationToken = default)
    {
        if (n < 1) throw new InvalidInputException($"top N must be at least 1, not {n}");
        int itemCount = seen.ItemCount;
        var scores = new double[itemCount];
        var excluded = new bool[itemCount];
        var relevant = new bool[itemCount];
        var recommended = new bool[itemCount];
        var top = new int[n];
        double precision = 0, recall = 0, map = 0, ndcg = 0, hitRate = 0;
        int users = 0;
        for (int u = 0; u < test.UserCount; u++)
        {
            int relevantCount = 0;
            foreach (int e in test.EntriesOfUser(u))
                if (test.Values[e] >= threshold && !relevant[test.Items[e]])
                {
                    relevant[test.Items[e]] = true;
                    relevantCount++;
                }
            if (relevantCount == 0) continue;
            cancellationToken.ThrowIfCancellationRequested();
            foreach (int e in seen.EntriesOfUser(u)) excluded[seen.Items[e]] = true;
            scorer.ScoreItems(u, scores);
            int count = Best(scores, excluded, top);
            int hits = 0;
            double dcg = 0, ap = 0;
            for (int p = 0; p < count; p++)
            {
                recommended[top[p]] = true;
                if (!relevant[top[p]]) continue;
                hits++;
                dcg += 1 / Math.Log2(p + 2);
                ap += (double)hits / (p + 1);
            }
            double ideal = 0;
            for (int p = 0; p < Math.Min(n, relevantCount); p++) ideal += 1 / Math.Log2(p + 2);
            precision += (double)hits / n;
            recall += (double)hits / relevantCount;
            map += ap / Math.Min(n, relevantCount);
            ndcg += dcg / ideal;
            hitRate += hits > 0 ? 1 : 0;
            users++;
            foreach (int e in seen.EntriesOfUser(u)) excluded[seen.Items[e]] = false;
            foreach (int e in test.EntriesOfUser(u)) relevant[test.Items[e]] = false;
        }
        if (users == 0) return new TopNScores(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double coverage = (double)recommended.Count(r => r) / itemCount;
        return new TopNScores(precision / users, recall / users, map / users, ndcg / users, hitRate / users, coverage, users);
    }

    /// <summary>
    /// The indices of the highest <paramref name="scores"/> among the items not <paramref name="excluded"/>, best first (ties
    /// by lower index), written to <paramref name="top"/>; returns how many (fewer than its length only for a tiny catalogue).
    /// </summary>
    public static int Best(ReadOnlySpan<double> scores, ReadOnlySpan<bool> excluded, Span<int> top)
    {
        int count = 0;
        for (int item = 0; item < scores.Length; item++)
        {
            if (excluded[item]) continue;
            double s = double.IsNaN(scores[item]) ? double.NegativeInfinity : scores[item];
            if (count == top.Length && !(s > Score(scores, top[count - 1]))) continue;
            int p = count == top.Length ? count - 1 : count++;
            // Insertion: items arrive in increasing index, so an equal score stays behind the earlier item.
            while (p > 0 && s > Score(scores, top[p - 1]))
            {
                top[p] = top[p - 1];
                p--;
            }
            top[p] = item;
        }
        return count;
    }

    private static double Score(ReadOnlySpan<double> scores, int item) => double.IsNaN(scores[item]) ? double.NegativeInfinity : scores[item];
}
