using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// The k leading Ritz triplets the restarted Lanczos bidiagonalisation (<see cref="LanczosSvd.Iterate"/>) ends with,
/// before the sign rule and the explicit residuals. <see cref="U"/> holds the rows of the layout the iteration ran on
/// (all of them on one process); S and Vᵀ are whole.
/// </summary>
/// <param name="U">The local rows of the left Ritz vectors W·U_B (Count × k).</param>
/// <param name="S">The Ritz values σ₁ ≥ … ≥ σ_k.</param>
/// <param name="VT">The right Ritz vectors (V·V_B)ᵀ, k × n.</param>
/// <param name="ResidualEstimates">‖f‖·|e_wᵀ U_B e_i| (Baglama &amp; Reichel 2005, eq. 2.13), one per triplet.</param>
/// <param name="SigmaMax">The largest Ritz value seen, the scale the tolerance refers to.</param>
/// <param name="Tolerance">The options' tolerance.</param>
public sealed record LanczosRitzTriplets(Matrix U, double[] S, Matrix VT, double[] ResidualEstimates, double SigmaMax, double Tolerance)
{
    /// <summary>Products with A or Aᵀ the iteration made, in vectors.</summary>
    public long OperatorProducts { get; init; }

    /// <summary>Restarts (passes of the bidiagonalisation).</summary>
    public int Restarts { get; init; }

    /// <summary>
    /// Converged: the Ritz estimates met the tolerance AND the explicit <paramref name="residuals"/> agree with them
    /// (within a factor 10 and rounding), so that a loss of orthogonality, which the estimates cannot see, cannot pass
    /// as convergence.
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
