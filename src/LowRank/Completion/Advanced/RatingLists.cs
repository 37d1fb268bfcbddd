namespace LowRank.Completion.Advanced;

/// <summary>
/// One side's ratings in compressed form (CSR): row r's partners and ratings are
/// <c>Other[Start[r]..Start[r + 1]]</c> and <c>Value[...]</c>, contiguous so the inner loops of the samplers and
/// SGD passes stream through memory instead of following entry numbers.
/// </summary>
internal sealed class RatingLists
{
    private RatingLists(int[] start, int[] other, double[] value)
    {
        Start = start;
        Other = other;
        Value = value;
    }

    public int[] Start { get; }

    public int[] Other { get; }

    public double[] Value { get; }

    public int RowCount => Start.Length - 1;

    public int Length(int row) => Start[row + 1] - Start[row];

    /// <summary>Each user's items and ratings.</summary>
    public static RatingLists ByUser(RatingSet set) => Build(set, set.UserCount, set.Items, u => set.EntriesOfUser(u));

    /// <summary>Each item's users and ratings.</summary>
    public static RatingLists ByItem(RatingSet set) => Build(set, set.ItemCount, set.Users, i => set.EntriesOfItem(i));

    private delegate ReadOnlySpan<int> EntriesOf(int row);

    private static RatingLists Build(RatingSet set, int rows, ReadOnlySpan<int> partner, EntriesOf entriesOf)
    {
        var start = new int[rows + 1];
        var other = new int[set.Count];
        var value = new double[set.Count];
        var values = set.Values;
        int t = 0;
        for (int r = 0; r < rows; r++)
        {
            start[r] = t;
            foreach (int e in entriesOf(r))
            {
                other[t] = partner[e];
                value[t++] = values[e];
            }
        }
        start[rows] = t;
        return new RatingLists(start, other, value);
    }
}
