namespace LowRank.Approximation;

/// <summary>Rules that pick the rank k from a complete, non-increasing spectrum σ₁ ≥ … ≥ σ_p.</summary>
public static class RankSelection
{
    /// <summary>Smallest k with Σ_{i≤k} σ_i² ≥ f · Σ_i σ_i².</summary>
    public static int ByEnergy(IReadOnlyList<double> sigma, double fraction)
    {
        double total = 0;
        foreach (double s in sigma) total += s * s;
        double partial = 0;
        for (int k = 1; k <= sigma.Count; k++)
        {
            partial += sigma[k - 1] * sigma[k - 1];
            // A relative slack of a few ulps so that f = 1 stops at the last non-zero value, not after rounding noise.
            if (partial >= fraction * total * (1 - 4e-16 * sigma.Count)) return k;
        }
        return sigma.Count;
    }

    /// <summary>Smallest k with Σ_{i≤k} σ_i ≥ c · Σ_{i&gt;k} σ_i.</summary>
    public static int ByRatio(IReadOnlyList<double> sigma, double c)
    {
        double total = 0;
        foreach (double s in sigma) total += s;
        double head = 0;
        for (int k = 1; k <= sigma.Count; k++)
        {
            head += sigma[k - 1];
            if (head >= c * (total - head)) return k;
        }
        return sigma.Count;
    }

    /// <summary>
    /// M. Gavish and D. L. Donoho, "The optimal hard threshold for singular values is 4/√3", IEEE Trans. Inf.
    /// Theory 60(8), 2014: with unknown noise level, keep the singular values above τ = ω(β)·σ_med (their Eq. 4
    /// with the median estimator of §III-E), β = min(m, n)/max(m, n). Throws when no value exceeds τ.
    /// </summary>
    public static int ByGavishDonoho(IReadOnlyList<double> sigma, int m, int n)
    {
        double tau = GavishDonoho.Threshold(sigma, m, n);
        int k = sigma.Count(s => s > tau);
        return k > 0 ? k
            : throw new InvalidInputException($"no singular value exceeds the Gavish–Donoho threshold {tau:G4}: the matrix is indistinguishable from noise");
    }
}
