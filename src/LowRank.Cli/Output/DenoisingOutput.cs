using LowRank.Approximation;

namespace LowRank.Cli.Output;

/// <summary>How <c>approx</c> and <c>image</c> show what a denoising rule (auto-denoise, shrink) did: one line, or a JSON object.</summary>
internal static class DenoisingOutput
{
    /// <summary>The rule, the noise level (given or estimated), the threshold, how many values it kept and, for shrinkage, how the first and last were shrunk.</summary>
    public static string Line(SingularValueDenoising d, string? label = null)
    {
        string rule = d.Rule == RankRuleKind.Shrink ? "optimal shrinkage (Gavish–Donoho 2017)" : "optimal hard threshold (Gavish–Donoho 2014)";
        string noise = $"noise σ = {Tables.Number(d.NoiseSigma)} ({(d.NoiseEstimated ? "estimated from the median singular value" : "given")})";
        string values = d.Rule == RankRuleKind.Shrink
            ? $"; σ₁ {Tables.Number(d.Original[0])} → {Tables.Number(d.Denoised[0])}, σ_{d.Kept} {Tables.Number(d.Original[^1])} → {Tables.Number(d.Denoised[^1])}"
            : "";
        return $"{(label is null ? "" : label + ": ")}{rule}: {noise}, threshold {Tables.Number(d.Threshold)}, kept {d.Kept} value{(d.Kept == 1 ? "" : "s")}{values}";
    }

    /// <summary>The JSON object: rule, noise level (and whether estimated), β, threshold, the values kept and what replaced them.</summary>
    public static object? Json(SingularValueDenoising? d) => d is null ? null : new
    {
        Rule = d.Rule == RankRuleKind.Shrink ? "shrink" : "auto-denoise",
        d.NoiseSigma,
        d.NoiseEstimated,
        d.Beta,
        d.Threshold,
        d.Kept,
        Original = d.Original,
        Denoised = d.Denoised,
    };
}
