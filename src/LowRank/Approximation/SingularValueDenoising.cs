namespace LowRank.Approximation;

/// <summary>
/// What a denoising rule did to a spectrum σ₁ ≥ … ≥ σ_p of an m×n matrix X + σZ: the noise level it used (given,
/// or estimated from the median singular value), the singular-value threshold, which values it kept (the leading
/// <see cref="Kept"/>) and the values it put in their place (the same values for a hard threshold, the shrunk ones
/// for <see cref="RankRuleKind.Shrink"/>).
/// </summary>
public sealed record SingularValueDenoising
{
    /// <summary><see cref="RankRuleKind.AutoDenoise"/> (hard threshold) or <see cref="RankRuleKind.Shrink"/>.</summary>
    public required RankRuleKind Rule { get; init; }

    /// <summary>The noise level σ per entry that the rule used.</summary>
    public required double NoiseSigma { get; init; }

    /// <summary>True when <see cref="NoiseSigma"/> was estimated as median(σ_i)/√(n·μ_β), false when it was given.</summary>
    public required bool NoiseEstimated { get; init; }

    /// <summary>β = min(m, n)/max(m, n).</summary>
    public required double Beta { get; init; }

    /// <summary>Singular values at or below this are set to 0: λ*(β)·√n·σ for the hard threshold, (1 + √β)·√n·σ for shrinkage.</summary>
    public required double Threshold { get; init; }

    /// <summary>The singular values kept, σ₁ … σ_k, as they were.</summary>
    public required double[] Original { get; init; }

    /// <summary>What replaces them: equal to <see cref="Original"/> for the hard threshold, η(σ_i/(√n·σ))·√n·σ for shrinkage.</summary>
    public required double[] Denoised { get; init; }

    /// <summary>k, the number of values kept.</summary>
    public int Kept => Original.Length;
}
