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
    /// Theory 60(8), 2014: keep the singular values above λ*(β)·√n·σ for a known noise level σ (their Eq. 10), or
    /// with unknown noise above ω(β)·median(σ_i) (Eq. 4, the median estimator of §III-E); β = min(m, n)/max(m, n).
    /// Throws when no value exceeds the threshold. <see cref="SpectralDenoiser"/> does the work.
    /// </summary>
    public static int ByGavishDonoho(IReadOnlyList<double> sigma, int m, int n, double? noiseSigma = null) =>
        SpectralDenoiser.Denoise(sigma, m, n, RankRuleKind.AutoDenoise, noiseSigma).Kept;
}
