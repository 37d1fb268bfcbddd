using System.Globalization;
using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.Experiments;
using LowRank.Linalg;
using LowRank.Reports;

namespace LowRank.Cli.Experiments;

/// <summary>
/// The figures of the Bleckel report: network | SVD | original panels for the images, a 10×10 heat map on one shared
/// scale, the error gap per rank beside the published one, and the loss and excess-error curves during training.
/// </summary>
internal static class BleckelFigures
{
    /// <summary>Draws every figure into <paramref name="directory"/>; returns each file name with its caption.</summary>
    public static List<(string File, string Caption)> Draw(string directory, BleckelResults results, ILinalgBackend backend)
    {
        var figures = new List<(string File, string Caption)>();
        string Figure(string file, string caption)
        {
            figures.Add((file, caption));
            return Path.Combine(directory, file);
        }
        BottleneckRun Case(string key) => results.Cases.Single(c => c.Key == key).Run;

        var photo1 = Case("photo_rank_1");
        var photo10 = Case("photo_rank_10");
        var photo = Original(photo10);
        ImagePanels.SideBySide(Figure("photo-panels.png", "Photo: network at k = 1 | network at k = 10 | SVD at k = 10 | original."),
            [($"network, k = 1 ({Times(photo1.RatioSpectral)})", photo1.Effective[0]), ($"network, k = 10 ({Times(photo10.RatioSpectral)})", photo10.Effective[0]),
             ("SVD, k = 10", Svd(photo, 10, backend)), ("original", photo)], maxPanelWidth: 256);
        var logo = Case("logo_rank_10");
        ImagePanels.SideBySide(Figure("logo-panels.png", "Logo at k = 10: network | SVD | original."),
            [($"network ({Times(logo.RatioSpectral)})", logo.Effective[0]), ("SVD", Svd(Original(logo), 10, backend)), ("original", Original(logo))], maxPanelWidth: 256);
        var colour = Case("colour_rank_5");
        var colourOriginal = colour.Inputs;
        ImagePanels.SideBySide(Figure("colour-panels.png", "Colour image, each channel at k = 5: network | SVD | original."),
            [($"network ({Times(colour.RatioSpectral)})", colour.Effective), ("SVD", (IReadOnlyList<Matrix>)colourOriginal.Select(c => Svd(c, colour.Rank, backend)).ToArray()),
             ("original", colourOriginal)], minPanelSize: 160);

        var example = results.Gaussian.First(s => s.Rank == 5).Runs[0];
        var a = Original(example);
        ImagePanels.HeatMap(Figure("heatmap-10x10.png", "A random Gaussian 10×10 at k = 5: network | SVD | original, on one shared scale."),
            [($"network ({Times(example.RatioSpectral)})", example.Effective[0]), ("SVD", Svd(a, 5, backend)), ("original", a)], sharedScale: true);

        int[] ranks = results.Gaussian.Select(s => s.Rank).ToArray();
        Figures.ErrorAgainstRank(Figure("gap.png", "Mean |network − SVD| relative 2-norm error per rank: the study's and ours."), ranks,
            [("Gaussian, published", results.Gaussian.Select(s => s.PublishedGap).ToArray()), ("Gaussian, ours", results.Gaussian.Select(s => s.MeanGap).ToArray()),
             ("symmetric, published", results.Symmetric.Select(s => s.PublishedGap).ToArray()), ("symmetric, ours", results.Symmetric.Select(s => s.MeanGap).ToArray())],
            "Error gap of the network per rank (10×10 random matrices)", "mean |network − SVD| error", logY: false);

        var traced = results.Cases.Where(c => c.Key is "identity" or "diagonal_1_50" or "photo_rank_10" or "logo_rank_10")
            .Select(c => (Label: $"{c.Title}, k = {c.Run.Rank}", c.Run)).Append((Label: "Gaussian 10×10, k = 5", Run: example)).ToArray();
        Figures.LinesAgainstIndex(Figure("loss.png", "Training loss (mean squared error per entry, in A's units; objective samples) against the share of the " +
                "training epochs done (runs have different epoch counts; the approximator measures at evenly spaced epochs)."),
            "Training loss", "% of the training epochs", "loss", traced.Select(t => (t.Label, Progress(t.Run, t.Run.Loss))).ToArray(), logY: true, firstIndex: 0);
        Figures.LinesAgainstIndex(Figure("excess.png", "How far the network is from the optimum during training: network error / SVD error − 1 (2-norm). " +
                "Eckart–Young makes it ≥ 0; zeros cannot be drawn on the log scale."),
            "Excess error over the SVD during training", "% of the training epochs", "network / SVD − 1",
            traced.Select(t => (t.Label, Progress(t.Run, t.Run.Channels[0].History.Select(h => h.RelErrorSpectral / t.Run.SvdRelErrorSpectral - 1).ToArray()))).ToArray(),
            logY: true, firstIndex: 0);
        return figures;
    }

    /// <summary>
    /// Values measured at <see cref="BottleneckRun.LossEpochs"/>, read at 0 %, 1 %, …, 100 % of the run's epochs (the last
    /// measurement at or before each point; the first one before it), so that runs of different lengths share an x-axis.
    /// </summary>
    private static IReadOnlyList<double> Progress(BottleneckRun run, IReadOnlyList<double> values)
    {
        var epochs = run.LossEpochs;
        if (values.Count == 0) return values;
        var result = new double[101];
        for (int p = 0, j = 0; p <= 100; p++)
        {
            double epoch = p / 100.0 * run.Epochs;
            while (j + 1 < epochs.Count && epochs[j + 1] <= epoch) j++;
            result[p] = values[j];
        }
        return result;
    }

    private static Matrix Original(BottleneckRun run) => run.Inputs[0];

    /// <summary>The truncated SVD A_k the network is compared with (also the demo's neural section).</summary>
    internal static Matrix Svd(Matrix a, int k, ILinalgBackend backend) => LowRankApproximator.Approximate(a, RankRule.Fixed(k), SvdMethod.Exact, backend: backend).Reconstruct(backend);

    /// <summary>A ratio in a figure caption, e.g. "1.003× SVD".</summary>
    private static string Times(double ratio) => ratio.ToString("0.###", CultureInfo.InvariantCulture) + "× SVD";
}
