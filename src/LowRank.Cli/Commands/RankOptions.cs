using System.CommandLine;
using System.Globalization;
using LowRank.Approximation;

namespace LowRank.Cli.Commands;

/// <summary>
/// The rank options that <c>approx</c> and <c>image</c> share, and their one parser: <c>--rank k|auto-denoise|shrink</c>,
/// <c>--energy f</c>, <c>--ratio c</c>, and <c>--noise-sigma σ</c> for the two denoising rules.
/// </summary>
internal sealed class RankOptions
{
    /// <summary>The choices, for "give exactly one of" messages.</summary>
    public const string Usage = "--rank k, --rank auto-denoise, --rank shrink, --energy f, --ratio c";

    public Option<string?> Rank { get; } = new("--rank", "-k")
    {
        Description = "Rank k; auto-denoise (Gavish–Donoho 2014 optimal hard threshold); or shrink (Gavish–Donoho 2017 " +
                      "optimal shrinkage: keeps the values above the noise bulk edge and shrinks them)",
    };

    public Option<double?> Energy { get; } = new("--energy") { Description = "Smallest k keeping this fraction of Σσ² (e.g. 0.9); per plane for an image" };

    public Option<double?> Ratio { get; } = new("--ratio") { Description = "Smallest k with Σ_(i≤k) σ_i ≥ c·Σ_(i>k) σ_i" };

    public Option<double?> NoiseSigma { get; } = new("--noise-sigma")
    {
        Description = "Known noise level σ per entry for --rank auto-denoise|shrink (default: estimated from the median singular value)",
    };

    public IEnumerable<Option> All => [Rank, Energy, Ratio, NoiseSigma];

    /// <summary>The rule given, or null when none of these options was (image's --sweep is the other choice); more than one is bad usage.</summary>
    public RankRule? Read(ParseResult parsed)
    {
        string? rank = parsed.GetValue(Rank);
        double? energy = parsed.GetValue(Energy), ratio = parsed.GetValue(Ratio), noise = parsed.GetValue(NoiseSigma);
        int given = (rank is null ? 0 : 1) + (energy is null ? 0 : 1) + (ratio is null ? 0 : 1);
        if (given > 1) throw new InvalidInputException($"give exactly one of {Usage}");
        RankRule? rule = energy is double f ? RankRule.Energy(f)
            : ratio is double c ? RankRule.Ratio(c)
            : rank is null ? null
            : Parse(rank, noise);
        if (noise is not null && rule is not { IsDenoising: true })
            throw new InvalidInputException("--noise-sigma goes with --rank auto-denoise or --rank shrink");
        return rule;
    }

    /// <summary>The value of --rank: a positive integer, auto-denoise or shrink (the last two with the known noise level, if any).</summary>
    private static RankRule Parse(string rank, double? noiseSigma)
    {
        if (string.Equals(rank, "auto-denoise", StringComparison.OrdinalIgnoreCase)) return RankRule.AutoDenoise(noiseSigma);
        if (string.Equals(rank, "shrink", StringComparison.OrdinalIgnoreCase)) return RankRule.Shrink(noiseSigma);
        return int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k > 0
            ? RankRule.Fixed(k)
            : throw new InvalidInputException($"--rank must be a positive integer, auto-denoise or shrink, not '{rank}'");
    }
}
