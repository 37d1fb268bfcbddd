namespace LowRank.Completion;

/// <summary>Size and character of a <see cref="SyntheticFeedback"/> data set.</summary>
/// <param name="Users">Rows.</param>
/// <param name="Items">Columns.</param>
/// <param name="Interactions">Distinct (user, item) pairs, exactly.</param>
/// <param name="Rank">Rank of the planted signal p_uᵀq_i.</param>
/// <param name="PopularityExponent">a of the item popularity (rank + offset)^(−a) (Zipf–Mandelbrot).</param>
/// <param name="PopularityOffset">offset of the same law (flattens the head: the most popular item is not drawn by every user).</param>
/// <param name="MinPerUser">Interactions of the least active user (MovieLens keeps users with at least 20 ratings).</param>
/// <param name="ActivitySpread">σ of the log-normal spread of user activity above the minimum.</param>
public sealed record SyntheticShape(int Users, int Items, int Interactions, int Rank = 16, double PopularityExponent = 1.0,
    double PopularityOffset = 30, int MinPerUser = 20, double ActivitySpread = 1.0)
{
    /// <summary>The shape of MovieLens 20M: 138,493 users × 26,744 items, 20,000,263 ratings.</summary>
    public static SyntheticShape MovieLens20M { get; } = new(138_493, 26_744, 20_000_263);
}
