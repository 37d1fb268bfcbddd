using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// The k leading Ritz triplets the restarted Lanczos bidiagonalisation (<see cref="LanczosSvd.Iterate"/>) ends with,
/// before the sign rule and the explicit residuals. <see cref="U"/> holds the rows of the layout the iteration ran on
/// (all of them on one process); S and Vᵀ are whole. U and VT are null when the vectors were not asked for.
/// </summary>
/// <param name="U">The local rows of the left Ritz vectors W·U_B (Count × k).</param>
/// <param name="S">The Ritz values σ₁ ≥ … ≥ σ_k.</param>
/// <param name="VT">The right Ritz vectors (V·V_B)ᵀ, k × n.</param>
/// <param name="ResidualEstimates">‖f‖·|e_wᵀ U_B e_i| (Baglama &amp; Reichel 2005, eq. 2.13), one per triplet.</param>
/// <param name="SigmaMax">The largest Ritz value seen, the scale the tolerance refers to.</param>
/// <param name="Tolerance">The options' tolerance.</param>
public sealed record LanczosRitzTriplets(Matrix? U, double[] S, Matrix? VT, double[] ResidualEstimates, double SigmaMax, double Tolerance)
{
    /// <summary>Products with A or Aᵀ the iteration made, in vectors.</summary>
    public long OperatorProducts { get; init; }

    /// <summary>Restarts (passes of the bidiagonalisation).</summary>
    public int Restarts { get; init; }

    /// <summary>
    /// What the Lanczos relations A·V = W·B and Aᵀ·W = V·Bᵀ + f·eᵀ failed to hold by over the whole run: per cycle the
    /// norms of the coefficients the reorthogonalisations removed (zero in exact arithmetic, so they measure the loss of
    /// orthogonality) and of the mismatch between B's augmented column and the actual coefficients after a restart,
    /// summed over the cycles.
    /// </summary>
    public double RecurrenceDefect { get; init; }

    /// <summary>
    /// Residual bounds without products: |ρ_i| + <see cref="RecurrenceDefect"/> for each triplet. Where the relations hold
    /// exactly, ‖A·v_i − σ_i·u_i‖ = 0 and ‖Aᵀ·u_i − σ_i·v_i‖ = |ρ_i| (Baglama &amp; Reichel 2005, eq. 2.13); what they fail to
    /// hold by adds at most the defect (a unit combination of the defect's columns, to first order). Rounding in the
    /// products themselves (about ε·‖A‖) is not included.
    /// </summary>
    public double[] ResidualBounds()
    {
        var bounds = new double[S.Length];
        for (int i = 0; i < bounds.Length; i++) bounds[i] = Math.Abs(ResidualEstimates[i]) + RecurrenceDefect;
        return bounds;
    }

    /// <summary>
    /// Converged: the Ritz estimates met the tolerance AND the explicit <paramref name="residuals"/> agree with them
    /// (within a factor 10 and rounding), so that a loss of orthogonality, which the estimates cannot see, cannot pass
    /// as convergence. <paramref name="residuals"/> may be the explicit ones or <see cref="ResidualBounds"/>.
    /// </summary>
    public bool Converged(ReadOnlySpan<double> residuals)
    {
        bool all = true;
        for (int i = 0; i < S.Length; i++)
        {
            all &= Math.Abs(ResidualEstimates[i]) <= Tolerance * SigmaMax;
            all &= residuals[i] <= (10 * Tolerance + 1e-12) * SigmaMax;
        }
        return all;
    }
}
