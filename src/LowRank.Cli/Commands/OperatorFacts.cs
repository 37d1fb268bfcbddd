using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;

namespace LowRank.Cli.Commands;

/// <summary>What the JSON reports say about an input operator and the iteration that ran on it.</summary>
internal static class OperatorFacts
{
    /// <summary>Stored entries: nnz for sparse storage, m·n for dense.</summary>
    public static long StoredEntries(ILinearOperator a) => a is CsrMatrix csr ? csr.NonZeros : (long)a.Rows * a.Cols;

    /// <summary>Stored entries over m·n (1 for dense storage).</summary>
    public static double Density(ILinearOperator a) => a.Rows == 0 || a.Cols == 0 ? 0 : StoredEntries(a) / ((double)a.Rows * a.Cols);

    /// <summary>
    /// The residuals to report: the method's own (lanczos), else computed now for a randomized result with vectors
    /// (two block products, outside the timed decomposition); null for the exact method or values only.
    /// </summary>
    public static double[]? Residuals(ILinearOperator a, SingularValueDecomposition svd, ILinalgBackend backend) =>
        svd.Residuals ?? (svd.Method == SvdMethod.Randomized && svd.U is not null && svd.VT is not null
            ? TripletResiduals.Compute(a, svd.U, svd.S, svd.VT, backend)
            : null);

    /// <summary>One stderr line when an iterative method stopped before its tolerance, so a result that may be inaccurate says so.</summary>
    public static void WarnIfNotConverged(CliContext context, SingularValueDecomposition svd)
    {
        if (!svd.Converged)
            context.Error.WriteLine($"warning: {svd.Method.ToString().ToLowerInvariant()} stopped after {svd.Iterations} restarts before every residual met the tolerance; the largest singular values may be inaccurate (raise --tol or use --method exact)");
    }
}
