using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// The exact thin SVD by LAPACK's divide-and-conquer driver dgesdd (Gu &amp; Eisenstat 1995), through the active
/// backend. The input is never modified; an operator that is not dense is densified first (A·I, after a memory check).
/// </summary>
public static class ExactSvd
{
    /// <summary>Thin SVD: U m×p, S (p), Vᵀ p×n, p = min(m, n); values only when <paramref name="computeVectors"/> is false.</summary>
    public static SingularValueDecomposition Compute(ILinearOperator op, bool computeVectors = true, ILinalgBackend? backend = null)
    {
        backend ??= Backends.Current;
        var a = op.ToDense(backend);
        int p = a.MinDimension;
        // dgesdd's workspace: a copy of A plus, with vectors, U, Vᵀ and about 4p² + 7p scratch (LAPACK docs, LWORK).
        long extra = computeVectors ? (long)a.Rows * p + (long)p * a.Cols + 4L * p * p : 0;
        MemoryBudget.Require(Matrix.BytesFor(a.Rows, a.Cols) + extra * sizeof(double), $"the SVD of a {a.Rows}×{a.Cols} matrix");
        var (u, s, vt) = backend.Svd(ReferenceEquals(a, op) ? a.Clone() : a, computeVectors);
        if (u is not null && vt is not null) SignConvention.Apply(u, vt);
        return new SingularValueDecomposition(a.Rows, a.Cols, s, u, vt, SvdMethod.Exact);
    }

    /// <summary>The singular values of A (all min(m, n) of them), non-increasing.</summary>
    public static double[] Values(ILinearOperator a, ILinalgBackend? backend = null) => Compute(a, false, backend).S;
}
