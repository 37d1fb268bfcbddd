using LowRank.Approximation;
using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// What an application asks of a computed SVD, as Math.NET's <c>Svd</c> offers it: the numerical rank, the rank-k
/// reconstruction A_k = U_k·diag(S_k)·V_kᵀ and its error at any k ≤ <see cref="Count"/> by Eckart–Young–Mirsky
/// (‖A − A_k‖₂ = σ_{k+1}, ‖A − A_k‖_F² = Σ_{i&gt;k} σ_i²), and the projection of new rows (scikit-learn's
/// <c>TruncatedSVD.transform</c>; folding a new document into an LSA space, Deerwester et al. 1990 §4).
/// </summary>
public sealed partial record SingularValueDecomposition
{
    /// <summary>Whether all min(m, n) singular values are held, so that every error below is known exactly.</summary>
    public bool IsComplete => Count == Math.Min(Rows, Cols);

    /// <summary>
    /// The numerical rank: the held σ_i above max(m, n)·ε·σ₁ (LAPACK's and Math.NET's rule). A truncated
    /// decomposition counts only the triplets it holds, so its rank is a lower bound.
    /// </summary>
    public int Rank => NumericalRank.FromSingularValues(S, Rows, Cols);

    /// <summary>A_k = U_k·diag(σ₁..σ_k)·V_kᵀ, the best rank-k approximation (Eckart–Young), m×n, for 0 ≤ k ≤ <see cref="Count"/>.</summary>
    public Matrix Reconstruct(int k, ILinalgBackend? backend = null)
    {
        CheckK(k);
        if (U is null || VT is null) throw new InvalidOperationException("a values-only SVD has no vectors to reconstruct from");
        if (k == 0) return new Matrix(Rows, Cols);
        var scaled = U.LeadingColumns(k);
        for (int j = 0; j < k; j++)
            foreach (ref double x in scaled.Column(j)) x *= S[j];
        return (backend ?? Backends.Current).Multiply(scaled, VT.LeadingRows(k));
    }

    /// <summary>U·diag(S)·Vᵀ from every held triplet (A itself when <see cref="IsComplete"/>).</summary>
    public Matrix Reconstruct(ILinalgBackend? backend = null) => Reconstruct(Count, backend);

    /// <summary>‖A − A_k‖₂ = σ_{k+1} (0 when k = min(m, n)); needs σ_{k+1}, so k &lt; Count unless the SVD is complete.</summary>
    public double SpectralError(int k)
    {
        CheckK(k);
        if (k < Count) return S[k];
        return IsComplete ? 0 : throw Unknown(k);
    }

    /// <summary>‖A − A_k‖_F = √(Σ_{i&gt;k} σ_i²); needs every σ, so only a complete SVD knows it.</summary>
    public double FrobeniusError(int k)
    {
        CheckK(k);
        if (!IsComplete) throw Unknown(k);
        return EuclideanNorm.Of(S.AsSpan(k));
    }

    /// <summary>
    /// The rows of <paramref name="x"/> (b×n, new rows of A's kind, dense or sparse) in the space of the leading
    /// <paramref name="k"/> right singular vectors: X·V_k, b×k (all held vectors when k is null). Rows of A itself map
    /// to the rows of U_k·diag(S_k); divide column j by σ_j for coordinates comparable to the rows of U
    /// (LSA's fold-in q̂ = qᵀ·V_k·Σ_k⁻¹).
    /// </summary>
    public Matrix Transform(ILinearOperator x, int? k = null, ILinalgBackend? backend = null)
    {
        int kk = k ?? Count;
        CheckK(kk);
        if (VT is null) throw new InvalidOperationException("a values-only SVD has no vectors to project on");
        if (x.Cols != Cols) throw new InvalidInputException($"the rows to project have {x.Cols} columns, the decomposed matrix {Cols}", nameof(x));
        return x.Multiply(VT.LeadingRows(kk).Transpose(), backend ?? Backends.Current);
    }

    /// <summary>One new row (length n) projected as <see cref="Transform(ILinearOperator, int?, ILinalgBackend?)"/> does: its k coordinates.</summary>
    public double[] Transform(ReadOnlySpan<double> row, int? k = null) =>
        Transform(Matrix.FromRowMajor(1, row.Length, row), k).Data;

    private void CheckK(int k)
    {
        if (k < 0 || k > Count) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} is outside 0..{Count}, the triplets held");
    }

    private InvalidOperationException Unknown(int k) => new(
        $"the SVD holds {Count} of the {Math.Min(Rows, Cols)} singular values, so the error at k = {k} is not known from it; " +
        "LowRankApproximator.Approximate measures it on the matrix");
}
