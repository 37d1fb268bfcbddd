namespace LowRank.Completion;

/// <summary>An item and its predicted rating.</summary>
public readonly record struct ScoredItem(int Item, double Score);
