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
        var m = new Matrix(set.UserCount, set.ItemCount);
        for (int j = 0; j < m.Cols; j++)
            for (int i = 0; i < m.Rows; i++)
                m[i, j] = means[mode == FillMode.Column ? j : i];
        for (int e = 0; e < set.Count; e++) m[set.Users[e], set.Items[e]] = set.Values[e];
        return m;
    }

    /// <summary>Parses "global", "row"/"user" or "column"/"item".</summary>
    public static FillMode Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "global" => FillMode.Global,
        "row" or "user" => FillMode.Row,
        "column" or "item" => FillMode.Column,
        _ => throw new InvalidInputException($"fill must be global, row (user) or column (item), not '{text}'"),
    };
}
