using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Approximation;

/// <summary>
/// A rank-k approximation A_k = U_k·diag(S)·V_kᵀ of an m×n matrix A, with its error report. By the
/// Eckart–Young–Mirsky theorem the truncated SVD is optimal in both norms: ‖A − A_k‖₂ = σ_{k+1} and
/// ‖A − A_k‖_F² = Σ_{i&gt;k} σ_i². With the shrink rule (<see cref="Denoising"/>) S holds shrunk values instead and
/// the errors are those of that matrix.
/// </summary>
public sealed record RankKApproximation
{
    public required int Rows { get; init; }
    public required int Cols { get; init; }

    /// <summary>k.</summary>
    public required int Rank { get; init; }

    /// <summary>The method that actually ran (never <see cref="SvdMethod.Auto"/>).</summary>
    public required SvdMethod Method { get; init; }

    /// <summary>U_k, m×k, orthonormal columns.</summary>
    public required Matrix U { get; init; }

    /// <summary>σ₁ ≥ … ≥ σ_k (with the shrink rule, the shrunk values η_i).</summary>
    public required double[] S { get; init; }

    /// <summary>V_kᵀ, k×n, orthonormal rows.</summary>
    public required Matrix VT { get; init; }

    /// <summary>The complete spectrum of A when it was computed (exact method, or a rule that needed it), else null.</summary>
    public double[]? Spectrum { get; init; }

    /// <summary>σ_{k+1} (0 when k = min(m, n)); without the spectrum, the estimate of ‖A − A_k‖₂ (≥ σ_{k+1}).</summary>
    public required double SigmaNext { get; init; }

    /// <summary>‖A − A_k‖₂ / ‖A‖₂.</summary>
    public required double RelErrorSpectral { get; init; }

    /// <summary>‖A − A_k‖_F / ‖A‖_F.</summary>
    public required double RelErrorFrobenius { get; init; }

    /// <summary>Whether the spectral error was estimated by power iteration instead of read from the spectrum.</summary>
    public required bool SpectralErrorEstimated { get; init; }

    /// <summary>√(Σ_{i&gt;k} σ_i²)/‖A‖_F, the Eckart–Young optimum, when the spectrum is known.</summary>
    public double? OptimalRelErrorFrobenius { get; init; }

    /// <summary>Numerical rank of A (tolerance max(m, n)·ε·σ₁); a lower bound when only k values are known.</summary>
    public required int NumericalRank { get; init; }

    /// <summary>True when <see cref="NumericalRank"/> counts only the k computed values, all above the tolerance.</summary>
    public required bool NumericalRankIsLowerBound { get; init; }

    /// <summary>
    /// What a denoising rule (auto-denoise, shrink) did: noise level, threshold, the values kept and what replaced them
    /// (for shrink, <see cref="S"/> holds the shrunk values); null for the other rules.
    /// </summary>
    public SingularValueDenoising? Denoising { get; init; }
    /// <summary>The decomposition behind it, with the method's operator products, iterations and residuals (null when built from outside).</summary>
    public SingularValueDecomposition? Svd { get; init; }

    /// <summary>Wall time of the decomposition and the error report, in seconds.</summary>
    public required double Seconds { get; init; }

    /// <summary>Numbers stored for U_k, σ and V_k: k(m + n + 1).</summary>
    public long StoredNumbers => (long)Rank * (Rows + Cols + 1);

    /// <summary>Stored numbers as a fraction of the m·n entries of A stored dense (below 1 saves space).</summary>
    public double StorageRatio => (double)StoredNumbers / ((double)Rows * Cols);

    /// <summary>
    /// The nonzeros A stores when it is sparse, null when A is dense. A sparse A holds far fewer than m·n numbers, so
    /// <see cref="StorageRatio"/> alone flatters the factors; <see cref="StorageRatioToNonzeros"/> is the fair comparison.
    /// </summary>
    public long? StoredNonzeros { get; init; }

    /// <summary>Stored numbers k(m + n + 1) as a fraction of A's stored nonzeros; null when A is dense.</summary>
    public double? StorageRatioToNonzeros => StoredNonzeros is long nnz ? (double)StoredNumbers / nnz : null;

    /// <summary>Rank of A_k itself: the count of σ_i (i ≤ k) above the tolerance — the rank check.</summary>
    public int ApproximationRank => NumericalRankOf(S);

    /// <summary>A_k = U_k·diag(S)·V_kᵀ as a dense m×n matrix.</summary>
    public Matrix Reconstruct(ILinalgBackend? backend = null) =>
        (backend ?? Backends.Current).Multiply(U, ResidualNorms.ScaledRows(VT, S));

    /// <summary>Y = U_k·Σ_k^½ (m×k), so that A_k = Y·Zᵀ.</summary>
    public Matrix FactorY() => ResidualNorms.ScaledColumns(U, S.Select(Math.Sqrt).ToArray());

    /// <summary>Z = V_k·Σ_k^½ (n×k), so that A_k = Y·Zᵀ.</summary>
    public Matrix FactorZ() => ResidualNorms.ScaledColumns(VT.Transpose(), S.Select(Math.Sqrt).ToArray());

    private int NumericalRankOf(double[] sigma) =>
        Spectrum is { Length: > 0 } full
            ? sigma.Count(s => s > Approximation.NumericalRank.Tolerance(full[0], Rows, Cols))
            : Approximation.NumericalRank.FromSingularValues(sigma, Rows, Cols);
}
