using LowRank.Completion;

namespace LowRank.Distributed.Als;

/// <summary>
/// The ratings one process of a distributed ALS fit holds: those of its users (rows <see cref="Users"/>, by user) and
/// those of its items (rows <see cref="Items"/>, by item), in the index space of the whole set — every rating is held
/// twice over the group, once by its user's process and once by its item's. Rows outside the blocks have empty lists.
/// </summary>
public sealed class LocalRatings
{
    private LocalRatings(int userCount, int itemCount, RowBlock users, RowBlock items, RatingLists byUser, RatingLists byItem, RatingScale scale)
    {
        UserCount = userCount;
        ItemCount = itemCount;
        Users = users;
        Items = items;
        ByUser = byUser;
        ByItem = byItem;
        Scale = scale;
    }

    /// <summary>Users of the whole set.</summary>
    public int UserCount { get; }

    /// <summary>Items of the whole set.</summary>
    public int ItemCount { get; }

    /// <summary>This process's users: the balanced block of <see cref="RowBlock.For"/>.</summary>
    public RowBlock Users { get; }

    /// <summary>This process's items.</summary>
    public RowBlock Items { get; }

    /// <summary>The scale of the whole set.</summary>
    public RatingScale Scale { get; }

    /// <summary>Ratings of this process's users.</summary>
    public int UserRatings => ByUser.Other.Length;

    /// <summary>Ratings of this process's items.</summary>
    public int ItemRatings => ByItem.Other.Length;

    internal RatingLists ByUser { get; }

    internal RatingLists ByItem { get; }

    /// <summary>
    /// The share of process <paramref name="rank"/> of <paramref name="size"/> of <paramref name="set"/>: its block of
    /// users and its block of items, each list in the set's own entry order (so sums over a list are the single-process sums).
    /// </summary>
    public static LocalRatings Of(RatingSet set, int rank, int size)
    {
        var users = RowBlock.For(set.UserCount, rank, size);
        var items = RowBlock.For(set.ItemCount, rank, size);
        return new LocalRatings(set.UserCount, set.ItemCount, users, items,
            Lists(set.UserCount, users, set.EntriesOfUser, set.Items, set.Values),
            Lists(set.ItemCount, items, set.EntriesOfItem, set.Users, set.Values), set.Scale);
    }

    /// <summary>The lists of rows <paramref name="block"/> (row offsets over all rows, the others empty).</summary>
    private static RatingLists Lists(int rows, RowBlock block, EntriesOf entriesOf, ReadOnlySpan<int> partner, ReadOnlySpan<double> values)
    {
        var start = new int[rows + 1];
        for (int row = 0; row < rows; row++)
            start[row + 1] = start[row] + (row >= block.Start && row < block.End ? entriesOf(row).Length : 0);
        var entries = new int[start[rows]];
        for (int row = block.Start; row < block.End; row++) entriesOf(row).CopyTo(entries.AsSpan(start[row]));
        return new RatingLists(start, entries, partner, values);
    }

    private delegate ReadOnlySpan<int> EntriesOf(int row);
}
