namespace LowRank.Completion.Evaluation;

/// <summary>
/// Hold-out splits of a rating set into a training and a test part: at random (seeded Fisher–Yates, as scikit-learn's
/// <c>train_test_split</c>) or by time (the latest ratings are tested, so the model never trains on the future), per
/// user or over all ratings (<see cref="SplitGrouping"/>). A group of n ratings gives round(f·n) to the test part
/// (per user: at most n − 1, so every user keeps a training rating).
/// </summary>
public static class HoldOut
{
    /// <summary>A random hold-out of the fraction <paramref name="fraction"/> in (0, 1).</summary>
    public static TrainTestSplit Random(RatingSet ratings, double fraction, SplitGrouping by, int seed)
    {
        CheckFraction(fraction);
        var random = new Random(seed);
        return Split(ratings, fraction, by, group =>
        {
            random.Shuffle(group);
            return group;
        });
    }

    /// <summary>
    /// The latest fraction <paramref name="fraction"/> by <paramref name="timestamps"/> (one per entry): every test rating
    /// is at or after every training rating of the same user (per user) or of anyone (global). Equal times keep entry order.
    /// </summary>
    public static TrainTestSplit Temporal(RatingSet ratings, ReadOnlySpan<long> timestamps, double fraction, SplitGrouping by)
    {
        CheckFraction(fraction);
        if (timestamps.Length != ratings.Count)
            throw new ArgumentException($"{timestamps.Length} timestamps for {ratings.Count} ratings");
        var times = timestamps.ToArray();
        return Split(ratings, fraction, by, group =>
        {
            var keys = group.Select(e => times[e]).ToArray();
            Array.Sort(keys, group); // Array.Sort is unstable: restore entry order among equal times below
            for (int start = 0; start < group.Length;)
            {
                int end = start + 1;
                while (end < group.Length && keys[end] == keys[start]) end++;
                Array.Sort(group, start, end - start);
                start = end;
            }
            return group;
        });
    }

    /// <summary>Orders each group (one per user, or all entries) and sends the tail of each to the test part.</summary>
    private static TrainTestSplit Split(RatingSet ratings, double fraction, SplitGrouping by, Func<int[], int[]> order)
    {
        var train = new List<int>(ratings.Count);
        var test = new List<int>((int)(fraction * ratings.Count) + 1);
        IEnumerable<int[]> groups = by == SplitGrouping.Global
            ? [Enumerable.Range(0, ratings.Count).ToArray()]
            : Enumerable.Range(0, ratings.UserCount).Select(u => ratings.EntriesOfUser(u).ToArray());
        foreach (var group in groups)
        {
            int n = group.Length;
            int held = (int)Math.Round(fraction * n, MidpointRounding.AwayFromZero);
            if (by == SplitGrouping.PerUser) held = Math.Min(held, n - 1);
            var ordered = order(group);
            train.AddRange(ordered.AsSpan(0, n - held));
            test.AddRange(ordered.AsSpan(n - held));
        }
        int[] trainEntries = [.. train], testEntries = [.. test];
        Array.Sort(trainEntries);
        Array.Sort(testEntries);
        return new TrainTestSplit(trainEntries, testEntries);
    }

    private static void CheckFraction(double fraction)
    {
        if (!(fraction > 0 && fraction < 1)) throw new InvalidInputException($"a split fraction must lie in (0, 1), not {fraction}");
    }
}
