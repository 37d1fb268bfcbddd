using LowRank.Cli.Commands;
using LowRank.Cli.Experiments;
using LowRank.Cli.Output;
using LowRank.Experiments;
using LowRank.SingularValueLearning;

namespace LowRank.Cli.Demo;

/// <summary>
/// Demo section: SV-Learn on the bundled Spambase — the first 1,000 rows z-scored, 26,163 windows of 32×32 — the
/// paper's model and the improved one trained in seconds on the paper's random split, against the no-learning baseline.
/// </summary>
internal sealed class SvLearnSection : IDemoSection
{
    private const int Rows = 1_000;

    private static readonly SvLearnOptions Paper = new() { Kind = SvModelKind.Paper, Hidden = [256, 128], Epochs = 4 },
        Improved = new() { Hidden = [256, 256], Epochs = 60 };

    public string Key => "svlearn";

    public string Title => "SV-Learn: predicting singular values";

    public object Run(DemoContext context)
    {
        var source = SvLearnData.Load("spambase", null, 1, false, Rows, 0, context.CacheDirectory, context.Backend, context.Cancellation);
        context.Note = source.CacheSkipped;
        var run = SvSplitResult.Run(source.Dataset, source.PaperSplit, Paper, Improved, backend: context.Backend);
        context.Report.AddSection("SV-Learn: predicting singular values with a network",
            $"{source.Description}; random 85/15 split as in the paper. The paper's model reads the flattened window; the improved one reads "
            + "scale-free features and outputs σ/‖A‖_F through a monotone head. `lowrank experiment svlearn` runs the full study "
            + "(both splits, all 123,363 windows, the paper's figures)." + PaperModelNote(run));
        var e = run.ImprovedEvaluation;
        context.Report.AddTable(["predictor", "NMSE mean ± std", "MAE mean ± std", "training time"],
        [
            ["no-learning baseline (mean σ/‖A‖_F × ‖A‖_F)", Nmse(e.Baseline), Mae(e.Baseline), ""],
            [$"paper's model ({string.Join("-", Paper.HiddenWidths)}, {Paper.EpochLimit} epochs)", Nmse(run.PaperEvaluation.Model), Mae(run.PaperEvaluation.Model), Tables.Seconds(run.Paper.Seconds)],
            [$"improved model ({run.Improved.History.Count} epochs)", Nmse(e.Model), Mae(e.Model), Tables.Seconds(run.Improved.Seconds)],
        ], $"Reproduce: lowrank svlearn train --data spambase --limit {Rows} --model improved --hidden 256,256 --epochs 60 -o model.lrnn");
        context.Headline = $"improved model: NMSE {SvLearnJson.Percent(e.Model.NmseMean)} against the no-learning baseline's " +
            $"{SvLearnJson.Percent(e.Baseline.NmseMean)} on held-out Spambase windows (published model, all windows: {SvLearnJson.Percent(SvLearnPublished.Spambase.NmseMean)})";
        context.AddFigure("svlearn-spectra.png", SvLearnFigures.Spectra(run, 2, source.Dataset.Outputs, log: true),
            "True and predicted singular values of two test windows (log scale).");
        context.AddFigure("svlearn-histogram.png", SvLearnFigures.Histogram("improved model", e.Model), "Per-window NMSE of the improved model.");
        return new
        {
            Windows = source.Dataset.Count,
            Baseline = SvLearnJson.Metrics(e.Baseline),
            PaperModel = SvLearnJson.Metrics(run.PaperEvaluation.Model),
            Improved = SvLearnJson.Metrics(e.Model),
            TrainSeconds = run.Paper.Seconds + run.Improved.Seconds,
        };
    }

    /// <summary>What the paper's model shows on this small set, from the measured NMSE: it needs more windows than the demo has.</summary>
    private static string PaperModelNote(SvSplitResult run) =>
        run.PaperEvaluation.Model.NmseMean < run.ImprovedEvaluation.Baseline.NmseMean
            ? ""
            : $" With only {run.Split.Train.Length:N0} training windows and {Paper.EpochLimit} epochs the paper's model does no better than the baseline; "
              + "it needs the full set to beat it.";

    private static string Nmse(MetricSummary m) => $"{SvLearnJson.Percent(m.NmseMean)} ± {SvLearnJson.Percent(m.NmseStd)}";

    private static string Mae(MetricSummary m) => $"{SvLearnJson.Number(m.MaeMean)} ± {SvLearnJson.Number(m.MaeStd)}";
}
