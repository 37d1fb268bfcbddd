namespace LowRank.Completion;

/// <summary>What a missing entry starts as before an SVD: the global mean, its row's (user's) or its column's (item's) mean.</summary>
public enum FillMode
{
    Global,
    Row,
    Column,
}
