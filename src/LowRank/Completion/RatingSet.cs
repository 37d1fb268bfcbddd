using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// Observed entries of a users × items matrix, stored sparsely as parallel arrays (coordinate format) with
/// by-user and by-item indexes (compressed rows and columns). Users and items are dense 0-based indices; a
/// subset (a cross-validation fold) keeps the index space of the set it came from, so a model fitted on a
/// training fold can be asked about every user and item.
/// </summary>
public sealed class RatingSet
{
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly double[] _values;
    private readonly int[] _userStart;
    private readonly int[] _userEntries;
    private readonly int[] _itemStart;
    private readonly int[] _itemEntries;
    private RatingLists? _byUser;
    private RatingLists? _byItem;

    /// <summary>
    /// Builds a set from coordinates. Each (user, item) pair may occur once; indices must lie in
    /// [0, userCount) × [0, itemCount) and values in the scale.
    /// </summary>
    public RatingSet(int userCount, int itemCount, int[] users, int[] items, double[] values, RatingScale scale)
    {
        if (userCount < 0 || itemCount < 0) throw new ArgumentOutOfRangeException(nameof(userCount));
        if (users.Length != items.Length || users.Length != values.Length)
            throw new ArgumentException("users, items and values must have the same length");
        for (int e = 0; e < users.Length; e++)
        {
            if ((uint)users[e] >= (uint)userCount || (uint)items[e] >= (uint)itemCount)
                throw new ArgumentException($"entry {e} ({users[e]}, {items[e]}) is outside {userCount}×{itemCount}");
            if (!scale.Contains(values[e]))
                throw new ArgumentException($"entry {e} has rating {values[e]}, outside the scale {scale}");
        }
        UserCount = userCount;
        ItemCount = itemCount;
        Scale = scale;
        _users = users;
        _items = items;
        _values = values;
        (_userStart, _userEntries) = Index(users, userCount);
        (_itemStart, _itemEntries) = Index(items, itemCount);
        // The user who last rated each item: a second rating by the same user is a duplicate, wherever it stands.
        var lastRater = new int[itemCount];
        Array.Fill(lastRater, -1);
        for (int u = 0; u < userCount; u++)
            foreach (int e in EntriesOfUser(u))
            {
                if (lastRater[items[e]] == u) throw new ArgumentException($"user {u} rates item {items[e]} twice");
                lastRater[items[e]] = u;
            }
    }

    public int UserCount { get; }

    public int ItemCount { get; }

    public RatingScale Scale { get; }

    /// <summary>Number of observed ratings.</summary>
    public int Count => _values.Length;

    /// <summary>User of entry e.</summary>
    public ReadOnlySpan<int> Users => _users;

    /// <summary>Item of entry e.</summary>
    public ReadOnlySpan<int> Items => _items;

    /// <summary>Rating of entry e.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Mean of all observed ratings (the scale's midpoint when there are none).</summary>
    public double GlobalMean => Count == 0 ? (Scale.Min + Scale.Max) / 2 : _values.Average();

    /// <summary>Entry numbers of the user's ratings, in increasing entry order.</summary>
    public ReadOnlySpan<int> EntriesOfUser(int user) =>
        _userEntries.AsSpan(_userStart[user], _userStart[user + 1] - _userStart[user]);

    /// <summary>Entry numbers of the item's ratings, in increasing entry order.</summary>
    public ReadOnlySpan<int> EntriesOfItem(int item) =>
        _itemEntries.AsSpan(_itemStart[item], _itemStart[item + 1] - _itemStart[item]);

    /// <summary>Each user's items and ratings, gathered contiguously along <see cref="EntriesOfUser"/> (built on first use).</summary>
    internal RatingLists ByUser => _byUser ??= new RatingLists(_userStart, _userEntries, _items, _values);

    /// <summary>Each item's users and ratings, gathered contiguously along <see cref="EntriesOfItem"/> (built on first use).</summary>
    internal RatingLists ByItem => _byItem ??= new RatingLists(_itemStart, _itemEntries, _users, _values);

    /// <summary>The entries with the given numbers, in the same index space.</summary>
    public RatingSet Subset(ReadOnlySpan<int> entries)
    {
        var users = new int[entries.Length];
        var items = new int[entries.Length];
        var values = new double[entries.Length];
        for (int t = 0; t < entries.Length; t++)
        {
            users[t] = _users[entries[t]];
            items[t] = _items[entries[t]];
            values[t] = _values[entries[t]];
        }
        return new RatingSet(UserCount, ItemCount, users, items, values, Scale);
    }

    /// <summary>
    /// The finite entries of a dense matrix (NaN marks a missing entry). The scale is the observed range
    /// unless given.
    /// </summary>
    public static RatingSet FromDense(Matrix matrix, RatingScale? scale = null)
    {
        var users = new List<int>();
        var items = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < matrix.Rows; i++)
            for (int j = 0; j < matrix.Cols; j++)
            {
                double v = matrix[i, j];
                if (double.IsNaN(v)) continue;
                if (!double.IsFinite(v)) throw new ArgumentException($"entry ({i}, {j}) is {v}");
                users.Add(i);
                items.Add(j);
                values.Add(v);
            }
        RatingScale range = scale ?? (values.Count == 0 ? new RatingScale(0, 0) : new RatingScale(values.Min(), values.Max()));
        return new RatingSet(matrix.Rows, matrix.Cols, [.. users], [.. items], [.. values], range);
    }

    /// <summary>The users × items matrix with NaN where nothing is observed.</summary>
    public Matrix ToDense()
    {
        var m = new Matrix(UserCount, ItemCount);
        Array.Fill(m.Data, double.NaN);
        for (int e = 0; e < Count; e++) m[_users[e], _items[e]] = _values[e];
        return m;
    }

    /// <summary>Counting sort of the entries by key: start offsets (length count + 1) and entry numbers.</summary>
    private static (int[] Start, int[] Entries) Index(int[] keys, int count)
    {
        var start = new int[count + 1];
        foreach (int k in keys) start[k + 1]++;
        for (int k = 0; k < count; k++) start[k + 1] += start[k];
        var next = start[..count];
        var entries = new int[keys.Length];
        for (int e = 0; e < keys.Length; e++) entries[next[keys[e]]++] = e;
        return (start, entries);
    }
}
