using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// The exact thin SVD by LAPACK's divide-and-conquer driver dgesdd (Gu &amp; Eisenstat 1995), through the active
/// backend. The input is never modified.
/// </summary>
public static class ExactSvd
{
    /// <summary>Thin SVD: U m×p, S (p), Vᵀ p×n, p = min(m, n); values only when <paramref name="computeVectors"/> is false.</summary>
    public static SingularValueDecomposition Compute(Matrix a, bool computeVectors = true, ILinalgBackend? backend = null)
    {
        backend ??= Backends.Current;
        int p = a.MinDimension;
        // dgesdd's workspace: a copy of A plus, with vectors, U, Vᵀ and about 4p² + 7p scratch (LAPACK docs, LWORK).
        long extra = computeVectors ? (long)a.Rows * p + (long)p * a.Cols + 4L * p * p : 0;
        MemoryBudget.Require(Matrix.BytesFor(a.Rows, a.Cols) + extra * sizeof(double), $"the SVD of a {a.Rows}×{a.Cols} matrix");
        var (u, s, vt) = backend.Svd(a.Clone(), computeVectors);
        return new SingularValueDecomposition(a.Rows, a.Cols, s, u, vt, SvdMethod.Exact);
    }

    /// <summary>The singular values of A (all min(m, n) of them), non-increasing.</summary>
    public static double[] Values(Matrix a, ILinalgBackend? backend = null) => Compute(a, false, backend).S;
}
