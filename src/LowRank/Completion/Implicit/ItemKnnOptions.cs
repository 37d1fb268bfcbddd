namespace LowRank.Completion.Implicit;

/// <summary>
/// Settings of <see cref="ItemKnn"/>; the default K is the only place it is written, chosen on a validation split of
/// MovieLens 100k's training part (implicit, ratings ≥ 4; K = 400 to 1,600 score within 1 %).
/// </summary>
/// <param name="Neighbours">K, the most similar items kept per item.</param>
/// <param name="Threads">Cores to use for the similarities (null: all); the result does not depend on it.</param>
public sealed record ItemKnnOptions(int Neighbours = 800, int? Threads = null)
{
    /// <summary>The defaults (the shared options have no neighbour count).</summary>
    public static ItemKnnOptions From(CompletionOptions o) => new();
}
