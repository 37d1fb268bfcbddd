namespace LowRank.Approximation;

/// <summary>How the rank k of an approximation is chosen.</summary>
public enum RankRuleKind
{
    /// <summary>A given k.</summary>
    Fixed,

    /// <summary>Smallest k with Σ_{i≤k} σ_i² ≥ f · Σ_i σ_i² (share f of the "energy", the squared Frobenius norm).</summary>
    Energy,

    /// <summary>Smallest k with Σ_{i≤k} σ_i ≥ c · Σ_{i&gt;k} σ_i (the lecture notes' rule of thumb).</summary>
    Ratio,

    /// <summary>
    /// Gavish &amp; Donoho (2014) optimal hard threshold: keep σ_i &gt; λ*(β)·√n·σ for a known noise level σ, else
    /// σ_i &gt; ω(β)·median(σ) (<see cref="SpectralDenoiser"/>).
    /// </summary>
    AutoDenoise,

    /// <summary>
    /// Gavish &amp; Donoho (2017) optimal shrinkage for Frobenius loss: keep the σ_i above the noise bulk edge
    /// (1 + √β)·√n·σ and shrink each (<see cref="SpectralDenoiser"/>); the approximation then holds the shrunk values.
    /// </summary>
    Shrink,
}

/// <summary>
/// A rank choice: a fixed k or a rule that reads the spectrum. <see cref="NoiseSigma"/> is the known noise level per
/// entry of the denoising rules (null: estimated from the spectrum).
/// </summary>
public readonly record struct RankRule(RankRuleKind Kind, double Value, double? NoiseSigma = null)
{
    public static RankRule Fixed(int k) => new(RankRuleKind.Fixed, k);

    public static RankRule Energy(double fraction) =>
        fraction is > 0 and <= 1 ? new(RankRuleKind.Energy, fraction)
            : throw new InvalidInputException($"the energy fraction must be in (0, 1], not {fraction}", nameof(Energy));

    public static RankRule Ratio(double c) =>
        c > 0 && double.IsFinite(c) ? new(RankRuleKind.Ratio, c)
            : throw new InvalidInputException($"the tail ratio must be a positive number, not {c}", nameof(Ratio));

    /// <summary>The optimal hard threshold, for noise of level <paramref name="noiseSigma"/> per entry (null: unknown).</summary>
    public static RankRule AutoDenoise(double? noiseSigma = null) => new(RankRuleKind.AutoDenoise, 0, CheckNoise(noiseSigma));

    /// <summary>Optimal shrinkage, for noise of level <paramref name="noiseSigma"/> per entry (null: unknown).</summary>
    public static RankRule Shrink(double? noiseSigma = null) => new(RankRuleKind.Shrink, 0, CheckNoise(noiseSigma));

    /// <summary>Whether choosing k needs the whole spectrum first.</summary>
    public bool NeedsSpectrum => Kind != RankRuleKind.Fixed;

    /// <summary>Whether this rule denoises (<see cref="Denoise"/> applies).</summary>
    public bool IsDenoising => Kind is RankRuleKind.AutoDenoise or RankRuleKind.Shrink;

    /// <summary>k for this rule, given the complete spectrum of an m×n matrix.</summary>
    public int Select(IReadOnlyList<double> sigma, int m, int n) => Kind switch
    {
        RankRuleKind.Fixed => (int)Value,
        RankRuleKind.Energy => RankSelection.ByEnergy(sigma, Value),
        RankRuleKind.Ratio => RankSelection.ByRatio(sigma, Value),
        _ => Denoise(sigma, m, n).Kept,
    };

    /// <summary>What a denoising rule does to the complete spectrum of an m×n matrix.</summary>
    public SingularValueDenoising Denoise(IReadOnlyList<double> sigma, int m, int n) =>
        SpectralDenoiser.Denoise(sigma, m, n, Kind, NoiseSigma);

    private static double? CheckNoise(double? sigma) =>
        sigma is null or (> 0 and < double.PositiveInfinity) ? sigma
            : throw new InvalidInputException($"the noise level must be a positive number, not {sigma}", nameof(NoiseSigma));
}
