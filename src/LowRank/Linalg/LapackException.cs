namespace LowRank.Linalg;

/// <summary>A LAPACK routine returned INFO ≠ 0 (for example: the SVD did not converge).</summary>
public sealed class LapackException(string routine, int info)
    : Exception($"{routine} failed with INFO = {info}" + (info > 0 ? " (no convergence)" : $" (argument {-info} invalid)"));
