using LowRank.Cli.Output;
using System.Diagnostics;
using System.Globalization;
using LowRank.Approximation;
using LowRank.Compression;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// One <c>lowrank image</c> run: the image, its decomposition, and for each rank asked for the compressed image, the
/// file written and the fidelity of exactly what that file holds.
/// </summary>
internal sealed record ImageRun(ImageData Image, ImageCompressor Compressor, ImageRun.Settings Options, IReadOnlyList<ImageRun.Entry> Entries, double Seconds,
    ImageFidelity? InputAgainstReference)
{
    /// <summary>Default chroma rank with --ycbcr and a fixed k: ⌈k / 4⌉, as JPEG's 4:2:0 keeps a quarter of the chroma samples.</summary>
    public const int ChromaDivisor = 4;

    /// <summary>What was asked: one rank rule per output (several for --sweep), the colour model, the .lrz bits and OUT.</summary>
    public sealed record Settings(IReadOnlyList<RankRule> Ranks, bool Sweep, bool YCbCr, int? ChromaRank, int Bits, string? Output);

    /// <summary>
    /// One rank: the compressed image, where it went (or null), its .lrz encoding when OUT is .lrz, the fidelity of what
    /// was written to the original, and with --reference to the clean reference.
    /// </summary>
    public sealed record Entry(CompressedImage Result, string? Output, ImageLrz? Lrz, ImageFidelity Written, ImageFidelity? AgainstReference);

    /// <summary>Exactly one of the rank options (<see cref="RankOptions"/>) or --sweep k1,k2,..., as rank rules.</summary>
    public static IReadOnlyList<RankRule> Rules(RankRule? rule, string? sweep)
    {
        if ((rule is null) == (sweep is null)) throw new InvalidInputException($"give exactly one of {RankOptions.Usage}, --sweep k1,k2,...");
        if (rule is RankRule given) return [given];
        var items = sweep!.Split(',', StringSplitOptions.TrimEntries);
        return items.Select(item => int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                ? RankRule.Fixed(Positive(value, "--sweep"))
                : throw new InvalidInputException($"--sweep takes positive integers separated by commas, e.g. 5,10,20; '{item}' is not one"))
            .ToArray();
    }

    /// <summary>Refuses bad combinations and outputs before any work.</summary>
    public static void Check(Settings s, string input)
    {
        if (s.ChromaRank is not null && !s.YCbCr) throw new InvalidInputException("--chroma-rank needs --ycbcr");
        if (s.ChromaRank is int c) Positive(c, "--chroma-rank");
        _ = QuantizedFactors.MaxCode(s.Bits);
        if (s.Output is null) return;
        if (!LrzFile.IsLrz(s.Output) && !MatrixFile.IsImage(s.Output))
            throw new InvalidInputException($"{s.Output}: lowrank image writes an image (.png .jpg .jpeg .bmp .webp) or a .lrz file");
        foreach (var rule in s.Ranks) LoadedInput.CheckOutput(OutputFor(s, rule), input);
    }

    /// <summary>Refuses a reference that an output would overwrite, or that is not an image, before any work.</summary>
    public static void CheckReference(Settings s, string reference)
    {
        if (!MatrixFile.IsImage(reference)) throw new InvalidInputException($"{reference}: --reference must be an image (.png .jpg .jpeg .bmp .webp)");
        foreach (var rule in s.Ranks) LoadedInput.CheckOutput(OutputFor(s, rule), reference);
    }

    /// <summary>The clean reference image, refused (bad input) unless it has the size and colour channels of <paramref name="image"/>.</summary>
    public static ImageData ReadReference(string path, ImageData image)
    {
        var reference = ImageFile.Read(path);
        if (reference.Width != image.Width || reference.Height != image.Height || reference.Channels.Count != image.Channels.Count)
            throw new InvalidInputException(
                $"{path}: the reference is {Tables.ImageSize(reference.Height, reference.Width)} with {reference.Channels.Count} colour channel(s), the image {Tables.ImageSize(image.Height, image.Width)} with {image.Channels.Count}");
        return reference;
    }

    /// <summary>Compresses <paramref name="image"/> as <paramref name="s"/> asks, measuring each output also against <paramref name="reference"/> when given.</summary>
    public static ImageRun Execute(ImageData image, Settings s, ILinalgBackend backend, ImageData? reference = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var model = ColourPlanes.ModelFor(image.Channels.Count, s.YCbCr);
        var compressor = ImageCompressor.Decompose(image.Channels, model, backend);
        // Every rank checked first, so that a bad one in a sweep is refused before any file is written.
        var plans = s.Ranks.Select(rule => (Rule: rule, Planes: PlaneRulesFor(compressor, rule, s.ChromaRank))).ToArray();
        foreach (var plan in plans) compressor.Check(compressor.Ranks(plan.Planes));
        var entries = plans.Select(plan => Compress(image, compressor, plan.Planes, OutputFor(s, plan.Rule), s.Bits, backend, reference, cancellationToken)).ToArray();
        var input = reference is null ? null : ImageCompressor.Measure(reference.Channels, image.Channels);
        return new ImageRun(image, compressor, s, entries, clock.Elapsed.TotalSeconds, input);
    }

    /// <summary>
    /// The rule of each plane for <paramref name="rule"/>; YCbCr chroma takes the fixed rank <paramref name="chromaRank"/>,
    /// or with a fixed k ⌈k / <see cref="ChromaDivisor"/>⌉, or with a spectrum rule its own rule.
    /// </summary>
    public static RankRule[] PlaneRulesFor(ImageCompressor compressor, RankRule rule, int? chromaRank) =>
        compressor.PlaneRules(rule, chromaRank ?? (compressor.Model == ColourModel.YCbCr && rule.Kind == RankRuleKind.Fixed
            ? (int)Math.Ceiling(rule.Value / ChromaDivisor)
            : null));

    /// <summary>The rank of each plane for <paramref name="rule"/> (<see cref="PlaneRulesFor"/>).</summary>
    public static int[] RanksFor(ImageCompressor compressor, RankRule rule, int? chromaRank) =>
        compressor.Ranks(PlaneRulesFor(compressor, rule, chromaRank));

    /// <summary>Compresses with <paramref name="planeRules"/>, writes the output (if any) and measures what it holds.</summary>
    private static Entry Compress(ImageData image, ImageCompressor compressor, RankRule[] planeRules, string? output, int bits, ILinalgBackend backend,
        ImageData? reference, CancellationToken cancellationToken)
    {
        ImageFidelity? Against(IReadOnlyList<Matrix> pixels) => reference is null ? null : ImageCompressor.Measure(reference.Channels, pixels);
        if (output is null)
        {
            var compressed = compressor.Compress(planeRules);
            return new Entry(compressed, null, null, compressed.Fidelity, Against(compressed.Pixels));
        }
        if (LrzFile.IsLrz(output))
        {
            var compressed = compressor.Compress(planeRules);
            var lrz = ImageLrz.Encode(compressor, compressed, bits, image.Alpha, backend);
            AtomicFile.Write(output, stream => stream.Write(lrz.Bytes), cancellationToken);
            return new Entry(compressed, output, lrz, lrz.Fidelity, Against(lrz.Pixels));
        }
        // An image file is encoded on another thread while the pixels are measured.
        var result = compressor.Compress(planeRules, pixels => ImageFile.Write(output, image with { Channels = pixels }, cancellationToken));
        bool lossless = Path.GetExtension(output).ToLowerInvariant() is ".png" or ".bmp" or ".webp";
        var written = lossless ? result.Pixels : ReadBack(output, compressor);
        return new Entry(result, output, null, lossless ? result.Fidelity : compressor.Measure(written), Against(written));
    }

    /// <summary>The pixels of a lossy (JPEG) output as written (a grey JPEG of a colour image as three equal channels).</summary>
    private static IReadOnlyList<Matrix> ReadBack(string output, ImageCompressor compressor)
    {
        var channels = ImageFile.Read(output).Channels;
        return channels.Count == compressor.Original.Count ? channels : [channels[0], channels[0], channels[0]];
    }

    /// <summary>OUT, or for a sweep OUT with "-kK" before the extension (K the rank of the first plane).</summary>
    private static string? OutputFor(Settings s, RankRule rule) =>
        s.Output is null || !s.Sweep ? s.Output
            : Path.Combine(Path.GetDirectoryName(s.Output) ?? "", $"{Path.GetFileNameWithoutExtension(s.Output)}-k{(int)rule.Value}{Path.GetExtension(s.Output)}");

    private static int Positive(int k, string option) =>
        k >= 1 ? k : throw new InvalidInputException($"{option} must be a positive integer, not {k}");
}
