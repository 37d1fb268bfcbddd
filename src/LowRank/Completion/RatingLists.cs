namespace LowRank.Completion;

/// <summary>
/// One side of a <see cref="RatingSet"/>'s index with the ratings gathered in index order (CSR): row r's partners and
/// ratings are <c>Other[Start[r]..Start[r + 1]]</c> and <c>Value[...]</c>, contiguous so that the inner loops of the
/// samplers, SGD passes and neighbourhood sums stream through memory instead of following entry numbers. Obtained
/// from <see cref="RatingSet.ByUser"/> and <see cref="RatingSet.ByItem"/>, which share the set's own offsets.
/// </summary>
internal sealed class RatingLists
{
    /// <summary>Gathers <paramref name="partner"/>[e] and <paramref name="values"/>[e] over the index's entries in order.</summary>
    public RatingLists(int[] start, ReadOnlySpan<int> entries, ReadOnlySpan<int> partner, ReadOnlySpan<double> values)
    {
        Start = start;
        Other = new int[entries.Length];
        Value = new double[entries.Length];
        for (int t = 0; t < entries.Length; t++)
        {
            Other[t] = partner[entries[t]];
            Value[t] = values[entries[t]];
        }
    }

    /// <summary>Row offsets, length rows + 1 (the set's own; not to be modified).</summary>
    public int[] Start { get; }

    public int[] Other { get; }

    public double[] Value { get; }

    public int RowCount => Start.Length - 1;

    public int Length(int row) => Start[row + 1] - Start[row];
}
