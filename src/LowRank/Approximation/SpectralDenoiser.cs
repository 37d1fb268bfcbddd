namespace LowRank.Approximation;

/// <summary>
/// Denoising of an m×n matrix Y = X + σZ (Z with i.i.d. zero-mean unit-variance entries) through its singular values,
/// after M. Gavish and D. L. Donoho: with n = max(m, n), β = min(m, n)/n and σ known or estimated as
/// σ̂ = median(σ_i)/√(n·μ_β) (μ_β the Marchenko–Pastur median; 2014 paper, §III-E),
/// <list type="bullet">
/// <item>the optimal hard threshold keeps σ_i &gt; λ*(β)·√n·σ ("The optimal hard threshold for singular values is
/// 4/√3", IEEE Trans. Inf. Theory 60(8), 2014, Eq. 10–11; with σ̂ this is their ω(β)·median(σ_i), Eq. 4);</item>
/// <item>optimal shrinkage replaces σ_i by η(σ_i/(√n·σ))·√n·σ with the Frobenius-loss shrinker η of
/// <see cref="OptimalShrinkage"/> ("Optimal shrinkage of singular values", IEEE Trans. Inf. Theory 63(4), 2017).</item>
/// </list>
/// </summary>
public static class SpectralDenoiser
{
    /// <summary>
    /// Applies <paramref name="rule"/> (<see cref="RankRuleKind.AutoDenoise"/> or <see cref="RankRuleKind.Shrink"/>) to
    /// the complete non-increasing spectrum <paramref name="sigma"/> of an m×n matrix, with the noise level
    /// <paramref name="noiseSigma"/> or, when null, its estimate. Throws when no value survives: the matrix is then
    /// indistinguishable from noise.
    /// </summary>
    public static SingularValueDenoising Denoise(IReadOnlyList<double> sigma, int m, int n, RankRuleKind rule, double? noiseSigma = null)
    {
        if (rule is not (RankRuleKind.AutoDenoise or RankRuleKind.Shrink))
            throw new ArgumentException($"{rule} is not a denoising rule", nameof(rule));
        if (sigma.Count == 0) throw new InvalidInputException("denoising needs a non-empty matrix");
        int large = Math.Max(m, n);
        double beta = (double)Math.Min(m, n) / large;
        double noise = noiseSigma ?? GavishDonoho.NoiseLevel(sigma, m, n);
        double scale = Math.Sqrt(large) * noise;
        bool shrink = rule == RankRuleKind.Shrink;
        double threshold = shrink ? OptimalShrinkage.BulkEdge(beta) * scale : GavishDonoho.KnownNoiseThreshold(m, n, noise);
        // Shrinkage keeps exactly the values its shrinker leaves positive (the test on s/scale, not on s > edge·scale,
        // which rounding can make disagree at the edge); hard thresholding keeps those above its threshold.
        double[] kept = shrink && scale > 0
            ? sigma.TakeWhile(s => OptimalShrinkage.Frobenius(s / scale, beta) > 0).ToArray()
            : sigma.TakeWhile(s => s > threshold).ToArray();
        if (kept.Length == 0)
            throw new InvalidInputException(
                $"no singular value exceeds the {(shrink ? "shrinkage bulk edge" : "Gavish–Donoho threshold")} {threshold:G4} " +
                $"(noise level {noise:G4}{(noiseSigma is null ? ", estimated" : "")}): the matrix is indistinguishable from noise");
        return new SingularValueDenoising
        {
            Rule = rule,
            NoiseSigma = noise,
            NoiseEstimated = noiseSigma is null,
            Beta = beta,
            Threshold = threshold,
            Original = kept,
            // An estimated noise level of 0 (a median singular value of 0) leaves nothing to shrink: η(y) → y as y → ∞.
            Denoised = shrink && scale > 0 ? kept.Select(s => OptimalShrinkage.Frobenius(s / scale, beta) * scale).ToArray() : kept,
        };
    }
}
