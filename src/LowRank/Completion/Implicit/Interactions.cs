namespace LowRank.Completion.Implicit;

/// <summary>
/// Implicit feedback: which user interacted with which item, and how strongly (a count of plays or clicks, or 1 for a
/// rating at or above a threshold), stored twice in compressed sparse rows — by user (items increasing) and by item
/// (users increasing) — so that every half-sweep of implicit ALS, BPR's sampler and the item-kNN co-occurrence count
/// stream through contiguous memory. Repeated (user, item) pairs are one interaction with the strengths summed.
/// The confidence c = 1 + α·r of Hu, Koren &amp; Volinsky (2008, eq. 3) is derived from the strengths by
/// <see cref="Confidence"/>, so one data set serves several α.
/// </summary>
public sealed class Interactions
{
    private readonly int[] _userStart;
    private readonly int[] _userItems;
    private readonly double[] _userStrengths;
    private readonly int[] _itemStart;
    private readonly int[] _itemUsers;
    private readonly double[] _itemStrengths;

    /// <summary>
    /// Builds the two indexes from coordinates: indices in [0, userCount) × [0, itemCount), strengths finite and &gt; 0
    /// (an <see cref="InvalidInputException"/> names the first entry that is not).
    /// </summary>
    public Interactions(int userCount, int itemCount, ReadOnlySpan<int> users, ReadOnlySpan<int> items, ReadOnlySpan<double> strengths)
    {
        if (userCount < 0 || itemCount < 0) throw new ArgumentOutOfRangeException(nameof(userCount));
        if (users.Length != items.Length || users.Length != strengths.Length)
            throw new ArgumentException("users, items and strengths must have the same length");
        for (int e = 0; e < users.Length; e++)
        {
            if ((uint)users[e] >= (uint)userCount || (uint)items[e] >= (uint)itemCount)
                throw new InvalidInputException($"interaction {e} ({users[e]}, {items[e]}) is outside {userCount}×{itemCount}");
            if (!(strengths[e] > 0) || !double.IsFinite(strengths[e]))
                throw new InvalidInputException($"interaction {e} has strength {strengths[e]}; strengths must be finite and > 0");
        }
        UserCount = userCount;
        ItemCount = itemCount;
        (_userStart, _userItems, _userStrengths) = ByUser(userCount, users, items, strengths);
        (_itemStart, _itemUsers, _itemStrengths) = Transpose(itemCount, _userStart, _userItems, _userStrengths);
    }

    public int UserCount { get; }

    public int ItemCount { get; }

    /// <summary>Number of distinct (user, item) interactions.</summary>
    public int Count => _userItems.Length;

    /// <summary>The user's items, increasing.</summary>
    public ReadOnlySpan<int> ItemsOf(int user) => _userItems.AsSpan(_userStart[user], _userStart[user + 1] - _userStart[user]);

    /// <summary>The strengths of <see cref="ItemsOf"/>, in the same order.</summary>
    public ReadOnlySpan<double> StrengthsOfUser(int user) => _userStrengths.AsSpan(_userStart[user], _userStart[user + 1] - _userStart[user]);

    /// <summary>The item's users, increasing.</summary>
    public ReadOnlySpan<int> UsersOf(int item) => _itemUsers.AsSpan(_itemStart[item], _itemStart[item + 1] - _itemStart[item]);

    /// <summary>The strengths of <see cref="UsersOf"/>, in the same order.</summary>
    public ReadOnlySpan<double> StrengthsOfItem(int item) => _itemStrengths.AsSpan(_itemStart[item], _itemStart[item + 1] - _itemStart[item]);

    /// <summary>The by-user index whole: row offsets (length users + 1), items and strengths in row order.</summary>
    internal (int[] Start, int[] Other, double[] Strengths) UserRows => (_userStart, _userItems, _userStrengths);

    /// <summary>The by-item index whole: row offsets (length items + 1), users and strengths in row order.</summary>
    internal (int[] Start, int[] Other, double[] Strengths) ItemRows => (_itemStart, _itemUsers, _itemStrengths);

    /// <summary>Whether the user interacted with the item (binary search in the user's row).</summary>
    public bool Contains(int user, int item) => ItemsOf(user).BinarySearch(item) >= 0;

    /// <summary>
    /// Ratings as implicit feedback: every rating ≥ <paramref name="threshold"/> is an interaction of strength 1 (the
    /// others are dropped, as if never seen), in the same user and item index space.
    /// </summary>
    public static Interactions FromRatings(RatingSet ratings, double threshold)
    {
        var users = new List<int>();
        var items = new List<int>();
        for (int e = 0; e < ratings.Count; e++)
            if (ratings.Values[e] >= threshold)
            {
                users.Add(ratings.Users[e]);
                items.Add(ratings.Items[e]);
            }
        var ones = new double[users.Count];
        Array.Fill(ones, 1.0);
        return new Interactions(ratings.UserCount, ratings.ItemCount, [.. users], [.. items], ones);
    }

    /// <summary>Counting sort by user, items sorted within each row, repeated pairs merged with their strengths summed.</summary>
    private static (int[] Start, int[] Items, double[] Strengths) ByUser(int userCount, ReadOnlySpan<int> users, ReadOnlySpan<int> items, ReadOnlySpan<double> strengths)
    {
        var start = new int[userCount + 1];
        foreach (int u in users) start[u + 1]++;
        for (int u = 0; u < userCount; u++) start[u + 1] += start[u];
        var next = start[..userCount];
        var rowItems = new int[users.Length];
        var rowStrengths = new double[users.Length];
        for (int e = 0; e < users.Length; e++)
        {
            int t = next[users[e]]++;
            rowItems[t] = items[e];
            rowStrengths[t] = strengths[e];
        }
        var compactStart = new int[userCount + 1];
        int write = 0;
        for (int u = 0; u < userCount; u++)
        {
            int from = start[u], length = start[u + 1] - from;
            Array.Sort(rowItems, rowStrengths, from, length);
            for (int t = from; t < from + length; t++)
            {
                if (write > compactStart[u] && rowItems[write - 1] == rowItems[t])
                {
                    rowStrengths[write - 1] += rowStrengths[t];
                    continue;
                }
                rowItems[write] = rowItems[t];
                rowStrengths[write++] = rowStrengths[t];
            }
            compactStart[u + 1] = write;
        }
        if (write == rowItems.Length) return (compactStart, rowItems, rowStrengths);
        return (compactStart, rowItems[..write], rowStrengths[..write]);
    }

    /// <summary>The other side of a CSR index (a counting sort by column; rows come out increasing).</summary>
    private static (int[] Start, int[] Rows, double[] Strengths) Transpose(int columns, int[] start, int[] cols, double[] strengths)
    {
        var colStart = new int[columns + 1];
        foreach (int c in cols) colStart[c + 1]++;
        for (int c = 0; c < columns; c++) colStart[c + 1] += colStart[c];
        var next = colStart[..columns];
        var rows = new int[cols.Length];
        var values = new double[cols.Length];
        for (int r = 0; r + 1 < start.Length; r++)
            for (int t = start[r]; t < start[r + 1]; t++)
            {
                int p = next[cols[t]]++;
                rows[p] = r;
                values[p] = strengths[t];
            }
        return (colStart, rows, values);
    }
}
