namespace LowRank.Completion.Evaluation;

/// <summary>
/// Top-N quality on held-out ratings. For each user, the user's held-out items are ranked by predicted rating
/// (ties by item index) and the first N are "recommended"; an item is relevant when its true rating is ≥ the
/// threshold (4 on MovieLens' 1–5 scale). Definitions follow Surprise's FAQ ("How to compute precision@k and
/// recall@k"):
/// precision@N = |relevant ∩ recommended| / |recommended|, recall@N = |relevant ∩ recommended| / |relevant|, where
/// "recommended" also requires a predicted rating ≥ the threshold, and each is 0 when its denominator is 0; both
/// are averaged over every user with held-out ratings.
/// NDCG@N (Järvelin &amp; Kekäläinen 2002) uses binary gains: DCG = Σ_(p≤N) rel_p / log₂(p + 1) over the ranked
/// held-out items, divided by the DCG of the ideal order; averaged over users with at least one relevant held-out item.
/// </summary>
public static class RankingMetrics
{
    /// <summary>The scores over (user, item, actual, predicted) quadruples.</summary>
    public static RankingScores Compute(ReadOnlySpan<int> users, ReadOnlySpan<int> items, ReadOnlySpan<double> actual,
        ReadOnlySpan<double> predicted, int n, double threshold)
    {
        if (n < 1) throw new InvalidInputException($"top N must be at least 1, not {n}");
        var byUser = new Dictionary<int, List<(int Item, double Actual, double Predicted)>>();
        for (int t = 0; t < users.Length; t++)
        {
            if (!byUser.TryGetValue(users[t], out var list)) byUser[users[t]] = list = [];
            list.Add((items[t], actual[t], predicted[t]));
        }
        double precision = 0, recall = 0, ndcg = 0;
        int ndcgUsers = 0;
        foreach (var list in byUser.Values)
        {
            list.Sort((x, y) => x.Predicted != y.Predicted ? y.Predicted.CompareTo(x.Predicted) : x.Item.CompareTo(y.Item));
            int relevant = list.Count(x => x.Actual >= threshold);
            int recommended = 0, hits = 0;
            double dcg = 0;
            for (int p = 0; p < Math.Min(n, list.Count); p++)
            {
                bool isRelevant = list[p].Actual >= threshold;
                if (list[p].Predicted >= threshold)
                {
                    recommended++;
                    if (isRelevant) hits++;
                }
                if (isRelevant) dcg += 1 / Math.Log2(p + 2);
            }
            precision += recommended == 0 ? 0 : (double)hits / recommended;
            recall += relevant == 0 ? 0 : (double)hits / relevant;
            if (relevant == 0) continue;
            double ideal = 0;
            for (int p = 0; p < Math.Min(n, relevant); p++) ideal += 1 / Math.Log2(p + 2);
            ndcg += dcg / ideal;
            ndcgUsers++;
        }
        int count = Math.Max(1, byUser.Count);
        return new RankingScores(precision / count, recall / count, ndcgUsers == 0 ? 0 : ndcg / ndcgUsers);
    }
}
