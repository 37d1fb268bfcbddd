using System.Globalization;
using LowRank.Approximation;
using LowRank.Cli.Output;
using LowRank.Compression;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Reports;

namespace LowRank.Cli.Commands;

/// <summary>
/// The figures of image compression — side-by-side panels, quality and error against k, the spectrum, PSNR against
/// bits per pixel of .lrz files — for <c>lowrank image --report DIR</c> and the demo.
/// </summary>
internal static class ImageFigures
{
    /// <summary>The ranks of the curves (those up to min(m, n)), with the ranks of the run added.</summary>
    public static readonly int[] CurveRanks = [1, 2, 5, 10, 20, 30, 50, 75, 100, 150, 200];

    /// <summary>One rank of a curve: the compressed image and its .lrz encodings at 8 and 16 bits.</summary>
    public sealed record Point(int Rank, CompressedImage Result, ImageLrz Lrz8, ImageLrz Lrz16);

    /// <summary>The image at each rank (fixed k, chroma as <see cref="ImageRun.RanksFor"/>), encoded at 8 and 16 bits.</summary>
    public static IReadOnlyList<Point> Curve(ImageCompressor compressor, IEnumerable<int> ranks, int? chromaRank, Matrix? alpha, ILinalgBackend backend)
    {
        int p = Math.Min(compressor.Width, compressor.Height);
        return ranks.Where(k => k <= p).Distinct().Order().Select(k =>
        {
            var r = compressor.Compress(ImageRun.RanksFor(compressor, RankRule.Fixed(k), chromaRank));
            return new Point(k, r, ImageLrz.Encode(compressor, r, 8, alpha, backend), ImageLrz.Encode(compressor, r, 16, alpha, backend));
        }).ToArray();
    }

    /// <summary>The original next to compressed versions (alpha composited over white).</summary>
    public static void Panels(string path, ImageData original, IReadOnlyList<(string Caption, CompressedImage Image)> panels, int maxPanelWidth = 300) =>
        ImagePanels.SideBySide(path,
            [($"original ({Tables.ImageSize(original.Height, original.Width)})", original), .. panels.Select(p => (p.Caption, original with { Channels = p.Image.Pixels }))],
            maxPanelWidth);

    /// <summary>PSNR against k of the 8-bit image and of its .lrz files, for each curve.</summary>
    public static void Quality(string path, IReadOnlyList<(string Label, IReadOnlyList<Point> Points)> curves)
    {
        var series = curves.SelectMany(c => new (string, IReadOnlyList<double>, IReadOnlyList<double>)[]
        {
            (Label(c.Label, "image"), Ranks(c.Points), c.Points.Select(p => p.Result.Fidelity.PsnrDb).ToArray()),
            (Label(c.Label, ".lrz 8-bit"), Ranks(c.Points), c.Points.Select(p => p.Lrz8.Fidelity.PsnrDb).ToArray()),
        }).ToArray();
        Figures.Curves(path, "PSNR against the rank k", "rank k", "PSNR (dB)", series);
    }

    /// <summary>PSNR against bits per pixel of the .lrz files at 8 and 16 bits, for each curve.</summary>
    public static void Rate(string path, IReadOnlyList<(string Label, IReadOnlyList<Point> Points)> curves)
    {
        var series = curves.SelectMany(c => new (string, IReadOnlyList<double>, IReadOnlyList<double>)[]
        {
            (Label(c.Label, "8-bit"), c.Points.Select(p => p.Lrz8.BitsPerPixel).ToArray(), c.Points.Select(p => p.Lrz8.Fidelity.PsnrDb).ToArray()),
            (Label(c.Label, "16-bit"), c.Points.Select(p => p.Lrz16.BitsPerPixel).ToArray(), c.Points.Select(p => p.Lrz16.Fidelity.PsnrDb).ToArray()),
        }).ToArray();
        Figures.Curves(path, ".lrz: PSNR against file size", "bits per pixel", "PSNR (dB)", series);
    }

    /// <summary>‖A − A_k‖_F/‖A‖_F of each plane against k (the σ-tail, exactly).</summary>
    public static void Error(string path, IReadOnlyList<Point> points)
    {
        var names = ColourPlanes.Names(points[0].Result.Model);
        var series = names.Select((name, c) => (name, (IReadOnlyList<double>)points.Select(p => p.Result.Planes[c].RelErrorFrobenius).ToArray())).ToArray();
        Figures.ErrorAgainstRank(path, points.Select(p => p.Result.Planes[0].Rank).ToArray(), series,
            "Relative Frobenius error of each plane", "‖A−A_k‖_F / ‖A‖_F", logY: true);
    }

    public static void Spectrum(string path, ImageCompressor compressor, int? markRank) =>
        Figures.SingularValueSpectrum(path, compressor.Spectra[0].S, $"Singular values of the {ColourPlanes.Names(compressor.Model)[0]} plane", markRank);

    /// <summary><c>--report DIR</c>: DIR/index.html with a table and the figures of the run and its curve.</summary>
    public static void Report(string dir, string input, ImageRun run, ILinalgBackend backend)
    {
        var compressor = run.Compressor;
        var curve = Curve(compressor, CurveRanks.Concat(run.Entries.Select(e => e.Result.Ranks[0])), run.Options.ChromaRank, run.Image.Alpha, backend);
        var report = new HtmlReport($"lowrank image {Path.GetFileName(input)}");
        report.AddSection($"{Path.GetFileName(input)}: {Tables.ImageSize(compressor.Height, compressor.Width)}, {string.Join(", ", ColourPlanes.Names(compressor.Model))}",
            "PSNR over every colour value and SSIM (Wang et al. 2004) on luma, measured on the 8-bit pixels written; storage k(m+n+1)/(mn) per plane; " +
            ".lrz sizes are whole files (header, quantised factors, checksum).");
        report.AddTable(["k", "PSNR (dB)", "SSIM", "storage", ".lrz 8-bit: bits/pixel", "PSNR", ".lrz 16-bit: bits/pixel", "PSNR"],
            curve.Select(p => (IReadOnlyList<string>)[string.Join("/", p.Result.Ranks), F(p.Result.Fidelity.PsnrDb), p.Result.Fidelity.Ssim.ToString("0.0000", CultureInfo.InvariantCulture),
                Tables.Percent(p.Result.StorageRatio), F(p.Lrz8.BitsPerPixel), F(p.Lrz8.Fidelity.PsnrDb), F(p.Lrz16.BitsPerPixel), F(p.Lrz16.Fidelity.PsnrDb)]).ToArray());
        var shown = run.Entries.Count > 1 ? run.Entries.Take(4) : run.Entries;
        ReportFigures.Add(report, dir, "panels.png", path => Panels(path, run.Image,
            shown.Select(e => ($"rank {string.Join("/", e.Result.Ranks)}: {F(e.Result.Fidelity.PsnrDb)} dB", e.Result)).ToArray()), "Original and rank-k images.");
        ReportFigures.Add(report, dir, "psnr.png", path => Quality(path, [("", curve)]), "PSNR against k.");
        ReportFigures.Add(report, dir, "error.png", path => Error(path, curve), "Relative Frobenius error of each plane against k.");
        ReportFigures.Add(report, dir, "rate.png", path => Rate(path, [("", curve)]), ".lrz: PSNR against bits per pixel.");
        ReportFigures.Add(report, dir, "spectrum.png", path => Spectrum(path, compressor, run.Entries[0].Result.Ranks[0]), "Singular values.");
        report.Save(Path.Combine(dir, "index.html"));
    }

    public static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Label(string curve, string series) => curve.Length == 0 ? series : $"{curve}: {series}";

    private static double[] Ranks(IReadOnlyList<Point> points) => points.Select(p => (double)p.Rank).ToArray();
}
