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

    /// <summary>Gavish &amp; Donoho (2014) optimal hard threshold for unknown noise: keep σ_i &gt; ω(β)·median(σ).</summary>
    AutoDenoise,
}

/// <summary>A rank choice: a fixed k or a rule that reads the spectrum.</summary>
public readonly record struct RankRule(RankRuleKind Kind, double Value)
{
    public static RankRule Fixed(int k) => new(RankRuleKind.Fixed, k);

    public static RankRule Energy(double fraction) =>
        fraction is > 0 and <= 1 ? new(RankRuleKind.Energy, fraction)
            : throw new InvalidInputException($"--energy must be in (0, 1], not {fraction}");

    public static RankRule Ratio(double c) =>
        c > 0 && double.IsFinite(c) ? new(RankRuleKind.Ratio, c)
            : throw new InvalidInputException($"--ratio must be a positive number, not {c}");

    public static RankRule AutoDenoise() => new(RankRuleKind.AutoDenoise, 0);

    /// <summary>Whether choosing k needs the whole spectrum first.</summary>
    public bool NeedsSpectrum => Kind != RankRuleKind.Fixed;

    /// <summary>k for this rule, given the complete spectrum of an m×n matrix.</summary>
    public int Select(IReadOnlyList<double> sigma, int m, int n) => Kind switch
    {
        RankRuleKind.Fixed => (int)Value,
        RankRuleKind.Energy => RankSelection.ByEnergy(sigma, Value),
        RankRuleKind.Ratio => RankSelection.ByRatio(sigma, Value),
        _ => RankSelection.ByGavishDonoho(sigma, m, n),
    };
}
