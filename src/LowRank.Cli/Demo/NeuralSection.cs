using System.Globalization;
using LowRank.Cli.Experiments;
using LowRank.Experiments;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Neural.Approximation;
using LowRank.Reports;

namespace LowRank.Cli.Demo;

/// <summary>
/// Demo section: low-rank approximation by a bottleneck neural network (Bleckel's study), checked against the
/// truncated SVD — a random 10×10 matrix at k = 5 as heat maps, and the bundled photograph at 100×100, k = 10.
/// </summary>
internal sealed class NeuralSection : IDemoSection
{
    private const int MatrixSize = 10, MatrixRank = 5, ImageSize = 100, ImageRank = 10;

    public string Key => "neural";

    public string Title => "neural low-rank approximation";

    public object Run(DemoContext context)
    {
        context.Report.AddSection("Neural low-rank approximation",
            "A linear network n-n-k-n with a choke point of k neurons, trained on pairs (x, A·x), computes a matrix W of rank ≤ k; " +
            "by Eckart–Young its error cannot beat the truncated SVD's. `lowrank nn-approx` trains it and reports both; " +
            "`lowrank experiment bleckel` reruns the whole study.");
        var a = Gaussian.Matrix(MatrixSize, MatrixSize, new Random(0));
        var matrix = Fit(context, [a], MatrixRank);
        var svd = BleckelFigures.Svd(a, MatrixRank, context.Backend);
        context.AddFigure("neural-heatmap.png",
            path => ImagePanels.HeatMap(path, [("network W", matrix.Effective[0]), ($"SVD, k = {MatrixRank}", svd), ("A", a)], sharedScale: true),
            $"A random Gaussian {MatrixSize}×{MatrixSize} at k = {MatrixRank}: network | SVD | original, on one shared scale.");

        var photo = ImageFile.ToGrey(ImageFile.Resize(ImageFile.Read(DemoContext.Sample("camera.png")), ImageSize, ImageSize)).Channels[0];
        var image = Fit(context, [photo], ImageRank);
        context.AddFigure("neural-camera-panels.png", path => ImagePanels.SideBySide(path,
                [($"network, k = {ImageRank}", image.Effective[0]), ($"SVD, k = {ImageRank}", BleckelFigures.Svd(photo, ImageRank, context.Backend)), ("original", photo)],
                minPanelSize: 200),
            $"camera.png at {ImageSize}×{ImageSize}, k = {ImageRank}: network | SVD | original.");

        context.Report.AddTable(["case", "k", "network ‖A−W‖₂/‖A‖₂", "SVD σ_(k+1)/σ₁", "network / SVD", "rank of W", "training time"],
            [Row($"Gaussian {MatrixSize}×{MatrixSize}", matrix), Row($"camera.png {ImageSize}×{ImageSize}", image)],
            "Computed by lowrank nn-approx FILE --rank k (design n-n-k-n, 10,000 samples, Adam).");
        context.Headline = $"the network's error is {matrix.RatioSpectral:0.0000}× the SVD's (Gaussian {MatrixSize}×{MatrixSize}, k = {MatrixRank}) and " +
            $"{image.RatioSpectral:0.0000}× (photograph, k = {ImageRank}); rank of W ≤ k: {(matrix.RankCheckPassed && image.RankCheckPassed ? "yes" : "NO")}";
        return new NeuralDemoResult(BottleneckSummary.Of(matrix), BottleneckSummary.Of(image));
    }

    private static BottleneckRun Fit(DemoContext context, IReadOnlyList<Matrix> channels, int k) =>
        BottleneckRun.Fit(channels, new BottleneckOptions { Rank = k }, backend: context.Backend);

    private static IReadOnlyList<string> Row(string name, BottleneckRun r) =>
        [name, r.Rank.ToString(CultureInfo.InvariantCulture), F(r.NnRelErrorSpectral), F(r.SvdRelErrorSpectral), F(r.RatioSpectral),
         r.NumericalRank.ToString(CultureInfo.InvariantCulture), Output.Tables.Seconds(r.Seconds)];

    private static string F(double x) => x.ToString("G5", CultureInfo.InvariantCulture);
}
