namespace LowRank.Decompositions;

/// <summary>
/// The energy of a matrix A and the share of it held by each of its leading singular values: the total is
/// ‖A‖_F² = Σ_{i ≤ min(m, n)} σ_i² (exact, one pass over the entries — <see cref="Linalg.ILinearOperator.SquaredFrobeniusNorm"/>),
/// so the shares stay true when only the leading k values were computed (a truncated or randomized SVD). Dividing by
/// the sum of the k values held instead would make the k-th cumulative share 100 % whatever the tail holds.
/// </summary>
/// <param name="Total">‖A‖_F².</param>
/// <param name="Shares">σ_i² / ‖A‖_F² for each value held.</param>
/// <param name="Cumulative">Σ_{j ≤ i} σ_j² / ‖A‖_F²: by Eckart–Young, 1 − Cumulative[k−1] = ‖A − A_k‖_F² / ‖A‖_F².</param>
public sealed record SpectrumEnergy(double Total, double[] Shares, double[] Cumulative)
{
    /// <summary>
    /// The shares of <paramref name="totalEnergy"/> = ‖A‖_F² held by <paramref name="sigma"/> (leading values, any
    /// number of them). For the zero matrix (total 0) every share is 0 and every cumulative share 1: the values held
    /// account for all of A's (zero) energy.
    /// </summary>
    public static SpectrumEnergy Of(IReadOnlyList<double> sigma, double totalEnergy)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        if (!(totalEnergy >= 0) || double.IsInfinity(totalEnergy))
            throw new ArgumentOutOfRangeException(nameof(totalEnergy), $"‖A‖_F² must be finite and non-negative, not {totalEnergy}");
        var shares = new double[sigma.Count];
        var cumulative = new double[sigma.Count];
        double held = 0;
        for (int i = 0; i < sigma.Count; i++)
        {
            double energy = sigma[i] * sigma[i];
            held += energy;
            shares[i] = totalEnergy == 0 ? 0 : energy / totalEnergy;
            cumulative[i] = totalEnergy == 0 ? 1 : held / totalEnergy;
        }
        return new SpectrumEnergy(totalEnergy, shares, cumulative);
    }
}
