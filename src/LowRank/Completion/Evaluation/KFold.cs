namespace LowRank.Completion.Evaluation;

/// <summary>
/// Seeded shuffled k-fold split of entry numbers, as scikit-learn's <c>KFold(shuffle=True)</c> and Surprise's
/// <c>KFold</c>: a Fisher–Yates permutation of 0..count−1, cut into k consecutive parts whose sizes differ by at most
/// one. The folds are disjoint and cover every entry; the same (count, k, seed) always gives the same folds, so every
/// method is evaluated on the same splits.
/// </summary>
public static class KFold
{
    /// <summary>The test entries of each fold, each sorted ascending.</summary>
    public static int[][] Split(int count, int folds, int seed)
    {
        if (folds < 2) throw new InvalidInputException($"folds must be at least 2, not {folds}");
        if (count < folds) throw new InvalidInputException($"{count} ratings cannot be split into {folds} folds");
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var result = new int[folds][];
        for (int f = 0; f < folds; f++)
        {
            int start = (int)((long)f * count / folds), end = (int)((long)(f + 1) * count / folds);
            result[f] = order[start..end];
            Array.Sort(result[f]);
        }
        return result;
    }

    /// <summary>The entries of 0..count−1 not in the sorted <paramref name="test"/> (the training part of a fold).</summary>
    public static int[] Complement(int count, int[] test)
    {
        var train = new int[count - test.Length];
        int t = 0, n = 0;
        for (int e = 0; e < count; e++)
        {
            if (t < test.Length && test[t] == e) t++;
            else train[n++] = e;
        }
        return train;
    }
}
