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
internal sealed record ImageRun(ImageData Image, ImageCompressor Compressor, ImageRun.Settings Options, IReadOnlyList<ImageRun.Entry> Entries, double Seconds)
{
    /// <summary>Default chroma rank with --ycbcr and a fixed k: ⌈k / 4⌉, as JPEG's 4:2:0 keeps a quarter of the chroma samples.</summary>
    public const int ChromaDivisor = 4;

    /// <summary>What was asked: one rank rule per output (several for --sweep), the colour model, the .lrz bits and OUT.</summary>
    public sealed record Settings(IReadOnlyList<RankRule> Ranks, bool Sweep, bool YCbCr, int? ChromaRank, int Bits, string? Output);

    /// <summary>One rank: the compressed image, where it went (or null), its .lrz encoding when OUT is .lrz, and the fidelity of what was written.</summary>
    public sealed record Entry(CompressedImage Result, string? Output, ImageLrz? Lrz, ImageFidelity Written);

    /// <summary>Exactly one of --rank k, --sweep k1,k2,..., --energy f, as rank rules.</summary>
    public static IReadOnlyList<RankRule> Rules(int? rank, string? sweep, double? energy)
    {
        int given = (rank is null ? 0 : 1) + (sweep is null ? 0 : 1) + (energy is null ? 0 : 1);
        if (given != 1) throw new InvalidInputException("give exactly one of --rank k, --sweep k1,k2,..., --energy f");
        if (energy is double f) return [RankRule.Energy(f)];
        if (rank is int k) return [RankRule.Fixed(Positive(k, "--rank"))];
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

    public static ImageRun Execute(ImageData image, Settings s, ILinalgBackend backend, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var model = ColourPlanes.ModelFor(image.Channels.Count, s.YCbCr);
        var compressor = ImageCompressor.Decompose(image.Channels, model, backend);
        // Every rank checked first, so that a bad one in a sweep is refused before any file is written.
        var plans = s.Ranks.Select(rule => (Rule: rule, Ranks: RanksFor(compressor, rule, s.ChromaRank))).ToArray();
        foreach (var plan in plans) compressor.Check(plan.Ranks);
        var entries = plans.Select(plan => Compress(image, compressor, plan.Ranks, OutputFor(s, plan.Rule), s.Bits, backend, cancellationToken)).ToArray();
        return new ImageRun(image, compressor, s, entries, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The rank of each plane for <paramref name="rule"/>; YCbCr chroma takes <paramref name="chromaRank"/>, or with a
    /// fixed k ⌈k / <see cref="ChromaDivisor"/>⌉, or with a spectrum rule its own rule.
    /// </summary>
    public static int[] RanksFor(ImageCompressor compressor, RankRule rule, int? chromaRank) =>
        compressor.Ranks(rule, chromaRank ?? (compressor.Model == ColourModel.YCbCr && rule.Kind == RankRuleKind.Fixed
            ? (int)Math.Ceiling(rule.Value / ChromaDivisor)
            : null));

    /// <summary>Compresses at <paramref name="ranks"/>, writes the output (if any) and measures what it holds.</summary>
    private static Entry Compress(ImageData image, ImageCompressor compressor, int[] ranks, string? output, int bits, ILinalgBackend backend,
        CancellationToken cancellationToken)
    {
        if (output is null)
        {
            var compressed = compressor.Compress(ranks);
            return new Entry(compressed, null, null, compressed.Fidelity);
        }
        if (LrzFile.IsLrz(output))
        {
            var compressed = compressor.Compress(ranks);
            var lrz = ImageLrz.Encode(compressor, compressed, bits, image.Alpha, backend);
            AtomicFile.Write(output, stream => stream.Write(lrz.Bytes), cancellationToken);
            return new Entry(compressed, output, lrz, lrz.Fidelity);
        }
        // An image file is encoded on another thread while the pixels are measured.
        var result = compressor.Compress(ranks, pixels => ImageFile.Write(output, image with { Channels = pixels }, cancellationToken));
        bool lossless = Path.GetExtension(output).ToLowerInvariant() is ".png" or ".bmp" or ".webp";
        return new Entry(result, output, null, lossless ? result.Fidelity : ReadBack(output, compressor));
    }

    /// <summary>The fidelity of a lossy (JPEG) output, measured on the file as written.</summary>
    private static ImageFidelity ReadBack(string output, ImageCompressor compressor)
    {
        var channels = ImageFile.Read(output).Channels;
        return compressor.Measure(channels.Count == compressor.Original.Count ? channels : [channels[0], channels[0], channels[0]]);
    }

    /// <summary>OUT, or for a sweep OUT with "-kK" before the extension (K the rank of the first plane).</summary>
    private static string? OutputFor(Settings s, RankRule rule) =>
        s.Output is null || !s.Sweep ? s.Output
            : Path.Combine(Path.GetDirectoryName(s.Output) ?? "", $"{Path.GetFileNameWithoutExtension(s.Output)}-k{(int)rule.Value}{Path.GetExtension(s.Output)}");

    private static int Positive(int k, string option) =>
        k >= 1 ? k : throw new InvalidInputException($"{option} must be a positive integer, not {k}");
}
