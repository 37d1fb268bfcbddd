using LowRank.Completion.Implicit;

namespace LowRank.Tests.Completion.Implicit;

/// <summary>
/// Interactions with a planted block structure: users and items fall into <c>groups</c> groups, and each user interacts
/// with each item of its own group with probability <c>density</c> and never with the others. Every user's first item
/// in the group that they did not pick is a held-out positive for AUC checks.
/// </summary>
internal static class PlantedInteractions
{
    public static Interactions Generate(int users, int items, int groups, double density, int seed)
    {
        var random = new Random(seed);
        var (us, its) = (new List<int>(), new List<int>());
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
                if (i % groups == u % groups && random.NextDouble() < density)
                {
                    us.Add(u);
                    its.Add(i);
                }
        return new Interactions(users, items, [.. us], [.. its], us.Select(_ => 1.0).ToArray());
    }

    /// <summary>
    /// Mean over users of the fraction of (positive, negative) pairs ranked correctly, the positives being the user's
    /// group's items not in the training set and the negatives the other groups' items (0.5 for random scores).
    /// </summary>
    public static double Auc(LowRank.Completion.IItemScorer model, Interactions train, int groups)
    {
        var scores = new double[train.ItemCount];
        double sum = 0;
        for (int u = 0; u < train.UserCount; u++)
        {
            model.ScoreItems(u, scores);
            var positives = Enumerable.Range(0, train.ItemCount).Where(i => i % groups == u % groups && !train.Contains(u, i)).ToArray();
            var negatives = Enumerable.Range(0, train.ItemCount).Where(i => i % groups != u % groups).ToArray();
            double right = 0;
            foreach (int i in positives)
                foreach (int j in negatives)
                    right += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            sum += right / (positives.Length * negatives.Length);
        }
        return sum / train.UserCount;
    }
}
