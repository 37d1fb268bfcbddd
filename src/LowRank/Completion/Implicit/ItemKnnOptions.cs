namespace LowRank.Completion.Implicit;

/// <summary>Settings of <see cref="ItemKnn"/>; the defaults are the only place these numbers are written.</summary>
/// <param name="Neighbours">K, the most similar items kept per item.</param>
/// <param name="Threads">Cores to use for the similarities (null: all); the result does not depend on it.</param>
public sealed record ItemKnnOptions(int Neighbours = 100, int? Threads = null)
{
    /// <summary>The defaults (the shared options have no neighbour count).</summary>
    public static ItemKnnOptions From(CompletionOptions o) => new();
}
