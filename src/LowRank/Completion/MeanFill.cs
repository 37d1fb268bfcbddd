using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>The dense users × items matrix with observed entries kept and missing ones set to a mean (<see cref="FillMode"/>).</summary>
public static class MeanFill
{
    /// <summary>
    /// Observed entries as given; a missing entry gets the global mean, or the mean of its row (user) or column (item);
    /// a row or column with no observations falls back to the global mean.
    /// </summary>
    public static Matrix Apply(RatingSet set, FillMode mode)
    {
        double[] means = Means(set, mode);
        var m = new Matrix(set.UserCount, set.ItemCount);
        for (int j = 0; j < m.Cols; j++)
            for (int i = 0; i < m.Rows; i++)
                m[i, j] = means[mode == FillMode.Column ? j : i];
        for (int e = 0; e < set.Count; e++) m[set.Users[e], set.Items[e]] = set.Values[e];
        return m;
    }

    /// <summary>
    /// The fill of every entry, observed or not, as a rank-1 matrix a·bᵀ: μ·1·1ᵀ, (row means)·1ᵀ or 1·(column means)ᵀ.
    /// The impute methods start from P_Ω(X) + P_Ω⊥ of it.
    /// </summary>
    internal static LowRankFactors AsFactors(RatingSet set, FillMode mode)
    {
        int m = set.UserCount, n = set.ItemCount;
        double[] means = Means(set, mode);
        double[] a = mode == FillMode.Column ? Ones(m) : means, b = mode == FillMode.Column ? means : Ones(n);
        double na = Math.Sqrt(a.Sum(x => x * x)), nb = Math.Sqrt(b.Sum(x => x * x));
        if (na == 0 || nb == 0) return LowRankFactors.Zero(m, n);
        return new LowRankFactors(new Matrix(m, 1, a.Select(x => x / na).ToArray()), [na * nb], new Matrix(n, 1, b.Select(x => x / nb).ToArray()));
    }

    /// <summary>One mean per row (global and row modes; all equal for global) or per column.</summary>
    internal static double[] Means(RatingSet set, FillMode mode)
    {
        double global = set.GlobalMean;
        int lines = mode == FillMode.Column ? set.ItemCount : set.UserCount;
        var means = new double[lines];
        for (int k = 0; k < lines; k++)
        {
            var entries = mode == FillMode.Column ? set.EntriesOfItem(k) : set.EntriesOfUser(k);
            double sum = 0;
            foreach (int e in entries) sum += set.Values[e];
            means[k] = mode == FillMode.Global || entries.Length == 0 ? global : sum / entries.Length;
        }
        return means;
    }

    private static double[] Ones(int count) => Enumerable.Repeat(1.0, count).ToArray();

    /// <summary>Parses "global", "row"/"user" or "column"/"item".</summary>
    public static FillMode Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "global" => FillMode.Global,
        "row" or "user" => FillMode.Row,
        "column" or "item" => FillMode.Column,
        _ => throw new InvalidInputException($"fill must be global, row (user) or column (item), not '{text}'"),
    };
}
