using System.Diagnostics;
using System.Runtime.ExceptionServices;
using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Compression;

/// <summary>
/// Image compression by truncated SVD, plane by plane (a grey image is one matrix; a colour image three, in RGB or
/// YCbCr — <see cref="ColourPlanes"/>). One exact SVD (LAPACK dgesdd) per plane serves every rank asked for, so that
/// a sweep costs one decomposition and each plane's relative Frobenius error is the Eckart–Young–Mirsky σ-tail
/// √(Σ_{i&gt;k} σ_i²)/‖A‖_F exactly.
/// </summary>
public sealed class ImageCompressor
{
    private readonly ILinalgBackend backend;
    private readonly Matrix[] planes;
    private readonly Matrix originalLuma;

    private ImageCompressor(IReadOnlyList<Matrix> original, ColourModel model, Matrix[] planes, SingularValueDecomposition[] spectra,
        double seconds, ILinalgBackend backend)
    {
        Original = original;
        Model = model;
        this.planes = planes;
        Spectra = spectra;
        SvdSeconds = seconds;
        this.backend = backend;
        originalLuma = ColourPlanes.Luma(original);
    }

    /// <summary>The image's channels as given (grey, or R, G, B; 0..255).</summary>
    public IReadOnlyList<Matrix> Original { get; }

    public ColourModel Model { get; }

    /// <summary>The complete exact SVD of each plane.</summary>
    public IReadOnlyList<SingularValueDecomposition> Spectra { get; }

    /// <summary>Wall time of the colour conversion and the SVDs.</summary>
    public double SvdSeconds { get; }

    public int Height => Original[0].Rows;

    public int Width => Original[0].Cols;

    /// <summary>Splits <paramref name="channels"/> (grey, or R, G, B; 0..255) into the planes of <paramref name="model"/> and decomposes each.</summary>
    public static ImageCompressor Decompose(IReadOnlyList<Matrix> channels, ColourModel model, ILinalgBackend? backend = null)
    {
        backend ??= Backends.Current;
        var clock = Stopwatch.StartNew();
        var planes = ColourPlanes.Split(channels, model);
        if (planes.Any(p => !p.AllFinite())) throw new InvalidInputException("the image has non-finite values");
        return new ImageCompressor(channels, model, planes, DecomposePlanes(planes, backend), clock.Elapsed.TotalSeconds, backend);
    }

    /// <summary>
    /// The SVD of each plane. With a single-threaded backend the planes run side by side, one BLAS thread each (an image
    /// plane is too small for LAPACK's threads to pay: on chelsea.png, 451×300×3 on 2 cores, 63–89 ms this way against
    /// 150–220 ms one after the other on 2 BLAS threads); otherwise one after the other, each on the backend's threads.
    /// The thread count is process-wide (openblas_set_num_threads), so it is the caller's to choose — the `image`
    /// command chooses 1 — and never changed here: changing it inside a computation races with every other caller.
    /// </summary>
    private static SingularValueDecomposition[] DecomposePlanes(Matrix[] planes, ILinalgBackend backend)
    {
        var spectra = new SingularValueDecomposition[planes.Length];
        if (planes.Length == 1 || backend.Threads > 1)
        {
            for (int c = 0; c < planes.Length; c++) spectra[c] = ExactSvd.Compute(planes[c], true, backend);
            return spectra;
        }
        try
        {
            Parallel.For(0, planes.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                c => spectra[c] = ExactSvd.Compute(planes[c], true, backend));
        }
        catch (AggregateException e)
        {
            // The plane's own exception (e.g. an InvalidInputException from the memory budget, exit code 2), not the wrapper.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return spectra;
    }

    /// <summary>
    /// The rank rule of each plane: <paramref name="rule"/> (a fixed k, or a rule read from the plane's own spectrum,
    /// e.g. the smallest k keeping a share of its energy Σσ², or a denoising rule), except that the chroma planes of
    /// YCbCr take the fixed rank <paramref name="chromaRank"/> when it is given.
    /// </summary>
    public RankRule[] PlaneRules(RankRule rule, int? chromaRank) =>
        Enumerable.Range(0, planes.Length)
            .Select(c => chromaRank is int kc && ColourPlanes.IsChroma(Model, c) ? RankRule.Fixed(kc) : rule)
            .ToArray();

    /// <summary>The rank of each plane under <see cref="PlaneRules"/>.</summary>
    public int[] Ranks(RankRule rule, int? chromaRank) => Ranks(PlaneRules(rule, chromaRank));

    /// <summary>The rank that each plane's rule picks from that plane's spectrum.</summary>
    public int[] Ranks(IReadOnlyList<RankRule> planeRules)
    {
        if (planeRules.Count != planes.Length) throw new ArgumentException($"{planeRules.Count} rank rules for {planes.Length} planes");
        return planeRules.Select((rule, c) => rule.Select(Spectra[c].S, planes[c].Rows, planes[c].Cols)).ToArray();
    }

    /// <summary>Refuses ranks outside 1..min(m, n) (bad input), so that a caller can check every rank before writing anything.</summary>
    public void Check(IReadOnlyList<int> ranks)
    {
        if (ranks.Count != planes.Length) throw new ArgumentException($"{ranks.Count} ranks for {planes.Length} planes");
        foreach (int k in ranks) LowRankApproximator.RequireRank(k, Height, Width);
    }

    /// <summary>
    /// The rank-<c>ranks[c]</c> approximation of each plane, its 8-bit pixels and their fidelity. <paramref name="alongside"/>
    /// (e.g. encoding the pixels to a file) runs on another thread while the fidelity is measured; its exception, if
    /// any, is rethrown as is.
    /// </summary>
    public CompressedImage Compress(IReadOnlyList<int> ranks, Action<IReadOnlyList<Matrix>>? alongside = null) =>
        Compress(ranks.Select(RankRule.Fixed).ToArray(), alongside);

    /// <summary>
    /// As <see cref="Compress(IReadOnlyList{int}, Action{IReadOnlyList{Matrix}}?)"/>, with the approximation of each
    /// plane that its rule picks (for the shrink rule, the plane's shrunk singular values).
    /// </summary>
    public CompressedImage Compress(IReadOnlyList<RankRule> planeRules, Action<IReadOnlyList<Matrix>>? alongside = null)
    {
        Check(Ranks(planeRules));
        var clock = Stopwatch.StartNew();
        var approximations = planes.Select((p, c) => LowRankApproximator.FromExactSvd(p, Spectra[c], planeRules[c], backend)).ToArray();
        var pixels = ColourPlanes.ToPixels(approximations.Select(a => a.Reconstruct(backend)).ToArray(), Model);
        Task? side = alongside is null ? null : Task.Run(() => alongside(pixels));
        ImageFidelity fidelity;
        try
        {
            fidelity = Measure(pixels);
        }
        finally
        {
            side?.GetAwaiter().GetResult();
        }
        return new CompressedImage
        {
            Model = Model,
            Ranks = approximations.Select(a => a.Rank).ToArray(),
            Planes = approximations,
            Pixels = pixels,
            Fidelity = fidelity,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>PSNR (all colour values) and SSIM (on luma) of 8-bit <paramref name="pixels"/> against the original.</summary>
    public ImageFidelity Measure(IReadOnlyList<Matrix> pixels)
    {
        if (pixels.Count != Original.Count) throw new ArgumentException($"{pixels.Count} channels for an image of {Original.Count}");
        return new ImageFidelity(ImageQuality.Psnr(Original, pixels), ImageQuality.Ssim(originalLuma, ColourPlanes.Luma(pixels)));
    }

    /// <summary>PSNR (all colour values) and SSIM (on luma) of <paramref name="pixels"/> against another image of the same size and channels, e.g. a clean reference.</summary>
    public static ImageFidelity Measure(IReadOnlyList<Matrix> reference, IReadOnlyList<Matrix> pixels)
    {
        if (pixels.Count != reference.Count) throw new ArgumentException($"{pixels.Count} channels against a reference of {reference.Count}");
        return new ImageFidelity(ImageQuality.Psnr(reference, pixels), ImageQuality.Ssim(ColourPlanes.Luma(reference), ColourPlanes.Luma(pixels)));
    }
}
