using System.Globalization;
using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Reports;

namespace LowRank.Cli.Demo;

/// <summary>
/// Demo section 1: the truncated SVD as the best rank-k approximation — the lecture's 2×3 example with its closed
/// forms, then a bundled photograph at several ranks (errors, PSNR, storage, spectrum, panels).
/// </summary>
internal sealed class ApproximationSection : IDemoSection
{
    public static readonly int[] ImageRanks = [1, 5, 10, 20, 50, 100];

    public string Key => "approximation";

    public string Title => "truncated SVD";

    public object Run(DemoContext context)
    {
        context.Report.AddSection("Truncated SVD: the best rank-k approximation",
            "By the Eckart–Young–Mirsky theorem, A_k = U_k Σ_k V_kᵀ is the closest rank-k matrix to A in both the spectral " +
            "and the Frobenius norm: ‖A − A_k‖₂ = σ_(k+1) and ‖A − A_k‖_F² = Σ_(i>k) σ_i². It is stored with k(m+n+1) numbers instead of mn.");
        var lecture = Lecture(context);
        var image = Image(context);
        return new ApproximationDemoResult(lecture, image);
    }

    private static LectureApproximationResult Lecture(DemoContext context)
    {
        var a = Matrix.FromArray(new double[,] { { 4, 11, 14 }, { 8, 7, -2 } });
        var sigma = ExactSvd.Values(a, context.Backend);
        var rows = new List<IReadOnlyList<string>>();
        var results = new List<LectureRankResult>();
        Matrix? a1 = null;
        foreach (int k in new[] { 1, 2 })
        {
            var r = LowRankApproximator.Approximate(a, RankRule.Fixed(k), SvdMethod.Exact, backend: context.Backend);
            var ak = r.Reconstruct(context.Backend);
            a1 ??= ak;
            double frobSq = Math.Pow(r.RelErrorFrobenius * a.FrobeniusNorm(), 2);
            rows.Add([k.ToString(CultureInfo.InvariantCulture), Output.Tables.MatrixText(ak, "0.###"), F(r.SigmaNext), F(r.SigmaNext), F(frobSq), r.StoredNumbers.ToString(CultureInfo.InvariantCulture)]);
            results.Add(new LectureRankResult(k, ak.ToJagged(), r.SigmaNext, frobSq, r.StoredNumbers));
        }
        context.Report.AddParagraph(
            $"The lecture's example A = [[4, 11, 14], [8, 7, −2]] has singular values {F(sigma[0])} = 6√10 and {F(sigma[1])} = 3√10. " +
            "Its best rank-1 approximation is [[6, 12, 12], [2, 4, 4]] with ‖A − A₁‖_F² = 90 = (3√10)².");
        context.Report.AddTable(["k", "A_k", "σ_(k+1)", "‖A − A_k‖₂", "‖A − A_k‖_F²", "stored numbers"], rows,
            "Computed by lowrank approx on the lecture's matrix (2×3 stores 6 numbers; rank 1 needs 1·(2+3+1) = 6).");
        context.AddFigure("lecture-heatmap.png", path => ImagePanels.HeatMap(path, [("A", a), ("A₁ (rank 1)", a1!)], sharedScale: true),
            "A and its best rank-1 approximation, on a shared grey scale.");
        return new LectureApproximationResult(sigma, results);
    }

    private static ImageApproximationResult Image(DemoContext context)
    {
        string samplePath = DemoContext.Sample("camera.png");
        var image = ImageFile.Read(samplePath);
        var a = image.Channels[0];
        var spectrum = ExactSvd.Compute(a, true, context.Backend);
        var rows = new List<IReadOnlyList<string>>();
        var results = new List<ImageRankResult>();
        var panels = new List<(string, Matrix)> { ("original (512×512)", a) };
        var relFrobenius = new List<double>();
        var relSpectral = new List<double>();
        foreach (int k in ImageRanks)
        {
            var r = LowRankApproximator.FromExactSvd(a, spectrum, k, context.Backend);
            var pixels = ImageQuality.ToPixels(r.Reconstruct(context.Backend));
            double psnr = ImageQuality.Psnr(a, pixels);
            relFrobenius.Add(r.RelErrorFrobenius);
            relSpectral.Add(r.RelErrorSpectral);
            rows.Add([k.ToString(CultureInfo.InvariantCulture), F(r.RelErrorSpectral), F(r.RelErrorFrobenius), psnr.ToString("0.00", CultureInfo.InvariantCulture),
                r.StoredNumbers.ToString("N0", CultureInfo.InvariantCulture), (100 * r.StorageRatio).ToString("0.0", CultureInfo.InvariantCulture) + " %"]);
            results.Add(new ImageRankResult(k, r.RelErrorSpectral, r.RelErrorFrobenius, psnr, r.StoredNumbers, r.StorageRatio));
            if (k == 50) context.Headline = $"camera.png at rank 50: {psnr:0.0} dB from {100 * r.StorageRatio:0.#} % of the numbers";
            if (k is 5 or 20 or 50) panels.Add(($"rank {k}: {psnr:0.0} dB, {100 * r.StorageRatio:0.#} % of the numbers", pixels));
        }
        int kEnergy = RankSelection.ByEnergy(spectrum.S, 0.99);
        int kRatio = RankSelection.ByRatio(spectrum.S, 1.0);
        int kDenoise = RankSelection.ByGavishDonoho(spectrum.S, a.Rows, a.Cols);
        context.Headline += $"; 99 % of its energy needs k = {kEnergy}";

        context.Report.AddParagraph(
            $"A 512×512 grey photograph (bundled camera.png, CC0) is a matrix of numerical rank {NumericalRank.FromSingularValues(spectrum.S, a.Rows, a.Cols)}. " +
            $"Rank rules on its spectrum: 99 % of the energy Σσ² needs k = {kEnergy}; the head sum reaching the tail sum (c = 1) needs k = {kRatio}; " +
            $"the Gavish–Donoho threshold keeps k = {kDenoise}.");
        context.Report.AddTable(["k", "‖A−A_k‖₂/‖A‖₂", "‖A−A_k‖_F/‖A‖_F", "PSNR (dB)", "stored numbers", "of 262,144"], rows,
            "PSNR is measured on the 8-bit image that lowrank approx camera.png --rank k -o out.png writes.");
        context.AddFigure("camera-panels.png", path => ImagePanels.SideBySide(path, panels, maxPanelWidth: 256), "Original | rank 5 | rank 20 | rank 50.");
        context.AddFigure("camera-spectrum.png", path => Figures.SingularValueSpectrum(path, spectrum.S, "Singular values of camera.png", markRank: 20),
            "The spectrum decays fast at first, then slowly: most of the picture lives in a few dozen directions.");
        context.AddFigure("camera-error.png", path => Figures.ErrorAgainstRank(path, ImageRanks,
                [("spectral ‖A−A_k‖₂/‖A‖₂", relSpectral), ("Frobenius ‖A−A_k‖_F/‖A‖_F", relFrobenius)],
                "Relative error of the best rank-k approximation", "relative error", logY: true),
            "Relative error against the rank k (both equal the σ-tail formulas exactly).");
        return new ImageApproximationResult("samples/camera.png", a.Rows, a.Cols, results, kEnergy, kRatio, kDenoise);
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
