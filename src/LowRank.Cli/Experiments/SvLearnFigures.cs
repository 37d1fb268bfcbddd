using LowRank.Linalg;
using LowRank.Reports;
using LowRank.Experiments;
using LowRank.SingularValueLearning;

namespace LowRank.Cli.Experiments;

/// <summary>The figures of the SV-Learn report, numbered as the paper's where they reproduce one.</summary>
internal static class SvLearnFigures
{
    /// <summary>Fig. 2: the per-matrix NMSE of a model over the test set.</summary>
    public static Action<string> Histogram(string model, MetricSummary m) => path =>
        Figures.Histogram(path, m.Nmse.Select(x => 100 * x).ToArray(), 40, $"NMSE per test matrix, {model}", "NMSE (%)");

    /// <summary>Figs. 3–4: true and predicted σ against the index for a few test matrices, log or linear.</summary>
    public static Action<string> Spectra(SvSplitResult run, int samples, int outputs, bool log) => path =>
    {
        var series = new List<(string, IReadOnlyList<double>)>();
        for (int s = 0; s < samples; s++)
        {
            series.Add(($"#{s + 1} true", run.ImprovedEvaluation.Truth.AsSpan(s * outputs, outputs).ToArray()));
            series.Add(($"#{s + 1} improved", run.ImprovedEvaluation.Predicted.AsSpan(s * outputs, outputs).ToArray()));
            series.Add(($"#{s + 1} paper model", run.PaperEvaluation.Predicted.AsSpan(s * outputs, outputs).ToArray()));
        }
        Figures.LinesAgainstIndex(path, $"True and predicted singular values ({(log ? "log" : "linear")} scale)", "index i", "σ_i",
            series, logY: log);
    };

    /// <summary>Figs. 5–6: the first test matrix and its rebuilt versions for the given methods, one row of panels.</summary>
    public static Action<string> Reconstructions(ReconstructionStudy study, IReadOnlyList<string> methods) => path =>
    {
        var panels = new List<(string, Matrix)> { ("A", study.Example) };
        foreach (string method in methods)
            for (int j = 0; j < study.Ranks.Count; j++)
                panels.Add(($"{method}, k = {study.Ranks[j]}", study.ExampleReconstructions[method][j]));
        ImagePanels.HeatMap(path, panels, minPanelSize: 96, maxPanelWidth: 1400, sharedScale: true);
    };

    /// <summary>Mean relative reconstruction error against k, one line per method.</summary>
    public static Action<string> ReconstructionErrors(ReconstructionStudy study) => path =>
        Figures.ErrorAgainstRank(path, study.Ranks,
            [.. study.Methods.Select((m, i) => (m, (IReadOnlyList<double>)study.MeanError[i]))],
            "Rebuilt from the true singular vectors (and SVD-LIGHT)", "mean ‖A − Â_k‖_F / ‖A‖_F", logY: true);

    /// <summary>Training loss (and validation loss) per epoch.</summary>
    public static Action<string> Training(SvSplitResult run) => path =>
    {
        var series = new List<(string, IReadOnlyList<double>)>
        {
            ("paper model, training L1 (scaled σ)", run.Paper.History.Select(e => e.TrainingLoss).ToArray()),
            ("improved, training MSE of σ/‖A‖_F", run.Improved.History.Select(e => e.TrainingLoss).ToArray()),
        };
        if (run.Improved.History.All(e => e.ValidationLoss is not null))
            series.Add(("improved, validation MSE", run.Improved.History.Select(e => e.ValidationLoss!.Value).ToArray()));
        Figures.LinesAgainstIndex(path, "Training curves (paper split)", "epoch", "loss", series, logY: true);
    };

    /// <summary>Test NMSE of each predictor on both splits (one when they are the same), beside the published figure when there is one for the same data.</summary>
    public static Action<string> Bars(SvSplitResult paper, SvSplitResult leakageFree, SvLearnPublished? published) => path =>
    {
        static IReadOnlyList<double> Nmse(SvSplitResult r) =>
            [100 * r.ImprovedEvaluation.Baseline.NmseMean, 100 * r.PaperEvaluation.Model.NmseMean, 100 * r.ImprovedEvaluation.Model.NmseMean];
        var series = new List<(string, IReadOnlyList<double>)> { ($"{paper.Split.Name} split", Nmse(paper)) };
        if (!ReferenceEquals(paper, leakageFree)) series.Add(("leakage-free split (row blocks)", Nmse(leakageFree)));
        if (published is not null) series.Add(($"published ({published.Dataset}, paper split)", [double.NaN, 100 * published.NmseMean, double.NaN]));
        Figures.Bars(path, "Mean test NMSE (%)", "NMSE (%)", ["no-learning baseline", "paper's model", "improved model"], series);
    };
}
