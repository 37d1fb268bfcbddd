namespace LowRank.Completion;

/// <summary>How an iterative method ended: iterations run, whether the tolerance was met, and the relative change per iteration.</summary>
public sealed record IterationTrace(int Iterations, bool Converged, IReadOnlyList<double> RelativeChanges);
