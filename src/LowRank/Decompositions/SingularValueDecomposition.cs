using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// A (possibly truncated) SVD A ≈ U·diag(S)·Vᵀ, named as Math.NET names its factorizations.
/// U is m×r with orthonormal columns, S holds r non-negative non-increasing values, VT is r×n with orthonormal rows.
/// U and VT are null for a values-only decomposition. Signs follow <see cref="SignConvention"/>.
/// </summary>
public sealed partial record SingularValueDecomposition(int Rows, int Cols, double[] S, Matrix? U, Matrix? VT, SvdMethod Method)
{
    /// <summary>Number of singular triplets held.</summary>
    public int Count => S.Length;

    /// <summary>
    /// Vectors the operator was applied to (A·x and Aᵀ·y each count one; a block of b vectors counts b), as ARPACK
    /// counts matrix–vector products; 0 for the exact method, which reads the matrix itself.
    /// </summary>
    public long OperatorProducts { get; init; }

    /// <summary>Restarts of the Lanczos method, power iterations of the randomized one; 0 for the exact method.</summary>
    public int Iterations { get; init; }

    /// <summary>
    /// Per-triplet residuals √(‖Av_i − σ_i·u_i‖² + ‖Aᵀu_i − σ_i·v_i‖²), computed explicitly after the iteration
    /// (the residual of (σ_i, [u_i; v_i]) as an eigenpair of [[0, A], [Aᵀ, 0]]); null when not computed (exact method).
    /// </summary>
    public double[]? Residuals { get; init; }

    /// <summary>
    /// True when <see cref="Residuals"/> are bounds from the iteration's own quantities, not explicit products (the
    /// Lanczos method without vectors: <see cref="LanczosRitzTriplets.ResidualBounds"/>).
    /// </summary>
    public bool ResidualsEstimated { get; init; }

    /// <summary>False when an iterative method stopped at its iteration limit before every residual met its tolerance.</summary>
    public bool Converged { get; init; } = true;

    /// <summary>The arithmetic the randomized SVD's products ran in (<see cref="SketchPrecision.Double"/> for every other method).</summary>
    public SketchPrecision Precision { get; init; } = SketchPrecision.Double;

    /// <summary>Why <see cref="SketchPrecision.Mixed"/> was asked for but did not run, and what ran instead; null otherwise.</summary>
    public string? PrecisionNote { get; init; }

    /// <summary>The leading <paramref name="k"/> triplets, copied.</summary>
    public SingularValueDecomposition Truncate(int k)
    {
        if (k < 0 || k > Count) throw new ArgumentOutOfRangeException(nameof(k), $"k = {k} is outside 0..{Count}");
        return this with { S = S[..k], U = U?.LeadingColumns(k), VT = VT?.LeadingRows(k), Residuals = Residuals?[..Math.Min(k, Residuals.Length)] };
    }
}
