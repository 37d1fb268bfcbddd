using System.Diagnostics;
using System.Globalization;
using LowRank.Cli.Commands;
using LowRank.Cli.Output;
using LowRank.Reports;
using LowRank.Experiments;
using LowRank.SingularValueLearning;

namespace LowRank.Cli.Experiments;

/// <summary>The report of <see cref="SvLearnExperiment"/>: DIR/index.html, its figures, DIR/results.json and the console summary.</summary>
internal sealed class SvLearnReport(string dir, string name, SvLearnSource source, SvSplitResult paper, SvSplitResult leakageFree,
    SvLearnStudy study, bool quick) : IExperimentReport
{
    /// <summary>The issue's targets: NMSE on the paper split, and the time of a full run.</summary>
    private const double SpambaseTarget = 0.02, ImageTarget = 0.01, TimeLimitSeconds = 600;

    /// <summary>Table I's row for this data set and split, or null when the paper measured other data (no like-with-like comparison).</summary>
    private readonly SvLearnPublished? _published = SvLearnPublished.For(name);

    private double Target => name == "spambase" ? SpambaseTarget : ImageTarget;

    /// <summary>The targets as <see cref="Write"/> judged them.</summary>
    private List<ExperimentTarget> _targets = [];

    public object Write(Stopwatch clock)
    {
        var targets = _targets = Targets(clock.Elapsed.TotalSeconds);
        var report = new HtmlReport($"SV-Learn on {name}: learning singular values");
        report.AddSection("1. Table I, reproduced and improved",
            $"Data: {source.Description}. Labels: exact singular values (LAPACK dgesdd, values only, in parallel) — "
            + $"{(source.LabelsCached ? "read from the checksummed cache" : "computed")} in {Tables.Seconds(source.LabelSeconds)}. "
            + "NMSE = Σ(σ−σ̂)²/Σσ² and MAE = Σ|σ−σ̂|/N per test matrix, mean ± std. The baseline predicts the training mean of σ/‖A‖_F "
            + "times the test matrix's ‖A‖_F. The paper's model sees the flattened matrix; the improved model sees scale-free features "
            + "(sorted row and column norms, power sums of σ²/‖A‖_F²) and outputs σ/‖A‖_F through a monotone softplus head (docs/svlearn.md)."
            + (quick ? " QUICK RUN: part of the data, tiny networks — numbers not comparable." : ""));
        report.AddTable(["split", "predictor", "train / test", "NMSE mean ± std", "MAE mean ± std", "99 %-energy rank exact", "epochs", "training time"],
            [.. Rows(paper), .. ReferenceEquals(paper, leakageFree) ? [] : Rows(leakageFree),
             .. _published is { } pub
                 ? [(IReadOnlyList<string>)["paper (published, Table I)", $"SV-Learn on {pub.Dataset}", $"{pub.Train:N0} / {pub.Test:N0}",
                     $"{P(pub.NmseMean)} ± {P(pub.NmseStd)}", $"{F(pub.MaeMean)} ± {F(pub.MaeStd)}", "", "", ""]]
                 : Array.Empty<IReadOnlyList<string>>()],
            ReferenceEquals(paper, leakageFree)
                ? "The images are separate matrices, so the official split is already leakage-free; it is the only split. "
                  + "Table I reports CIFAR-10, not this data set, so no published figure is shown beside these."
                : "Paper split: random 85/15 of the windows, as published — overlapping windows share up to 31 of 32 rows, so the test set leaks into training. "
                  + "Leakage-free split: contiguous row blocks with 31-row gaps, so no source row is in both a training and a test window.");
        report.AddTable(IExperimentReport.TargetHeader, IExperimentReport.TargetRows(targets),
            quick ? "A --quick run judges only its time; the NMSE target is for the full run." : "The issue's targets.");
        ReportFigures.Add(report, dir, "nmse-bars.png", SvLearnFigures.Bars(paper, leakageFree, _published),
            _published is null ? "Mean test NMSE of each predictor on each split." : "Mean test NMSE of each predictor on each split, beside the published figure for the same data and split.");
        ReportFigures.Add(report, dir, "training.png", SvLearnFigures.Training(paper), "Training curves on the paper split; the improved model keeps its best validation epoch.");

        report.AddSection("2. Error distributions and spectra (the paper's Figs. 2–4)");
        ReportFigures.Add(report, dir, "nmse-histogram-improved.png", SvLearnFigures.Histogram("improved model", paper.ImprovedEvaluation.Model), "Fig. 2: per-matrix NMSE of the improved model, paper split.");
        ReportFigures.Add(report, dir, "nmse-histogram-paper.png", SvLearnFigures.Histogram("paper's model", paper.PaperEvaluation.Model), "Fig. 2: per-matrix NMSE of the paper's model, paper split.");
        int p = source.Dataset.Outputs;
        ReportFigures.Add(report, dir, "spectra-linear.png", SvLearnFigures.Spectra(paper, 2, p, log: false), "Fig. 3: true and predicted σ of two test matrices, linear scale.");
        ReportFigures.Add(report, dir, "spectra-log.png", SvLearnFigures.Spectra(paper, 2, p, log: true), "Fig. 4: the same on a log scale (the paper's model can predict σ ≤ 0, which a log axis omits).");

        var r = study.Reconstructions;
        report.AddSection("3. Reconstructions (the paper's Figs. 5–6) and SVD-LIGHT",
            "Test matrices rebuilt at rank k from their true singular vectors with the true σ (the Eckart–Young optimum), each model's σ̂ and a random "
            + "spectrum of the same energy; and by SVD-LIGHT — our reading of the paper's Algorithm 1, whose text we could not obtain: vectors from a "
            + "column sample of 2k columns (Drineas–Kannan–Mahoney), magnitudes from the improved model (docs/svlearn.md).");
        report.AddTable(["method", .. r.Ranks.Select(k => $"k = {k}")],
            [.. r.Methods.Select((m, i) => (IReadOnlyList<string>)[m, .. r.MeanError[i].Select(F)])],
            $"Mean ‖A − Â_k‖_F/‖A‖_F over the first {Math.Min(paper.Split.Test.Length, quick ? 10 : 200)} test matrices of the paper split.");
        ReportFigures.Add(report, dir, "reconstruction-errors.png", SvLearnFigures.ReconstructionErrors(r), "Mean relative error against k.");
        ReportFigures.Add(report, dir, "reconstruction-predicted.png", SvLearnFigures.Reconstructions(r, [r.Methods[0], r.Methods[1]]),
            "Fig. 5: a test matrix and its rebuilds with the true σ (top) and the improved model's σ̂, k = 1, 2, 5, 32, on one colour scale.");
        ReportFigures.Add(report, dir, "reconstruction-random-light.png", SvLearnFigures.Reconstructions(r, [r.Methods[^2], r.Methods[^1]]),
            "Fig. 6: the same matrix rebuilt with a random σ and by SVD-LIGHT.");

        report.AddSection("4. Throughput",
            $"Matrices per second on {study.ThroughputMatrices:N0} test matrices, best of {(quick ? 1 : 3)} runs, on this machine: improved model (float32, batched, features included) "
            + $"{study.ImprovedPerSecond:N0}/s, paper's model {study.PaperPerSecond:N0}/s, exact values-only SVD (dgesdd per matrix, all cores) {study.SvdPerSecond:N0}/s. "
            + $"{Faster(study.ImprovedPerSecond, "the improved model")} {Faster(study.PaperPerSecond, "The paper's model")} See docs/benchmarks.md for numpy's figure measured in the same session.");
        report.AddCode($"lowrank experiment svlearn --data {name} --out DIR{(quick ? " --quick" : "")}");
        report.Save(Path.Combine(dir, "index.html"));

        var summary = Summary(clock.Elapsed.TotalSeconds, targets);
        JsonReport.SaveResults(dir, summary);
        return summary;
    }

    public void Print(CliContext context, double seconds)
    {
        context.Output.WriteLine(source.Description);
        SvLearnJson.Table(context,
        [
            ($"paper split: baseline", paper.ImprovedEvaluation.Baseline),
            ($"paper split: paper's model", paper.PaperEvaluation.Model),
            ($"paper split: improved model", paper.ImprovedEvaluation.Model),
            .. ReferenceEquals(paper, leakageFree) ? Array.Empty<(string, MetricSummary)>() :
            [
                ("leakage-free: baseline", leakageFree.ImprovedEvaluation.Baseline),
                ("leakage-free: paper's model", leakageFree.PaperEvaluation.Model),
                ("leakage-free: improved model", leakageFree.ImprovedEvaluation.Model),
            ],
        ]);
        if (_published is { } pub)
            context.Output.WriteLine($"published ({pub.Dataset}, paper split): NMSE {P(pub.NmseMean)} ± {P(pub.NmseStd)}, MAE {F(pub.MaeMean)} ± {F(pub.MaeStd)}");
        context.Output.WriteLine($"throughput: improved {study.ImprovedPerSecond:N0}/s, paper's model {study.PaperPerSecond:N0}/s, exact SVD {study.SvdPerSecond:N0}/s");
        IExperimentReport.PrintTargets(context, _targets, dir, seconds); // judged once, in Write: the console says what results.json says
    }

    /// <summary>The issue's targets; a --quick run (part of the data, tiny networks) judges only its time, its NMSE is not judged.</summary>
    private List<ExperimentTarget> Targets(double seconds) =>
    [
        new($"improved model NMSE ≤ {P(Target)} on the paper split", P(paper.ImprovedEvaluation.Model.NmseMean),
            quick ? null : paper.ImprovedEvaluation.Model.NmseMean <= Target),
        new($"{(quick ? "run" : "full run")} ≤ {TimeLimitSeconds / 60:0} min", Tables.Seconds(seconds), seconds <= TimeLimitSeconds),
    ];

    private object Summary(double seconds, List<ExperimentTarget> targets)
    {
        var m = paper.ImprovedEvaluation.Model;
        var l = leakageFree.ImprovedEvaluation.Model;
        return new
        {
            Experiment = "svlearn",
            Data = name,
            Description = source.Description,
            Quick = quick,
            Seed = paper.Improved.Options.Seed,
            m.NmseMean,
            m.NmseStd,
            m.MaeMean,
            m.MaeStd,
            LeakageFree = SvLearnJson.Metrics(l),
            PaperProtocol = Split(paper),
            LeakageFreeProtocol = Split(leakageFree),
            Published = _published is { } pub ? new { pub.Dataset, pub.NmseMean, pub.NmseStd, pub.MaeMean, pub.MaeStd, pub.Train, pub.Test } : null,
            Reconstruction = new
            {
                study.Reconstructions.Ranks,
                Methods = study.Reconstructions.Methods.Select((x, i) => new { Method = x, MeanRelativeError = study.Reconstructions.MeanError[i] }).ToArray(),
            },
            Throughput = new
            {
                Matrices = study.ThroughputMatrices,
                ImprovedPerSecond = study.ImprovedPerSecond,
                PaperModelPerSecond = study.PaperPerSecond,
                SvdPerSecond = study.SvdPerSecond,
                ImprovedOverSvd = study.ImprovedPerSecond / study.SvdPerSecond,
                PaperModelOverSvd = study.PaperPerSecond / study.SvdPerSecond,
            },
            Targets = targets.Select(t => t.Json()).ToArray(),
            AllTargetsPassed = ExperimentTarget.AllPassed(targets),
            LabelsCached = source.LabelsCached,
            LabelSeconds = source.LabelSeconds,
            Seconds = seconds,
            Report = Path.Combine(dir, "index.html"),
        };
    }

    private static object Split(SvSplitResult run) => new
    {
        Split = run.Split.Name,
        TrainCount = run.Split.Train.Length,
        TestCount = run.Split.Test.Length,
        Baseline = SvLearnJson.Metrics(run.ImprovedEvaluation.Baseline),
        PaperModel = Model(run.Paper, run.PaperEvaluation),
        Improved = Model(run.Improved, run.ImprovedEvaluation),
    };

    private static object Model(SvTrainingResult t, SvEvaluation e) => new
    {
        e.Model.NmseMean,
        e.Model.NmseStd,
        e.Model.MaeMean,
        e.Model.MaeStd,
        Rank99ExactFraction = e.RankExactFraction,
        Hidden = t.Options.HiddenWidths,
        Loss = t.Options.TrainingLoss.ToString().ToLowerInvariant(),
        EpochsRun = t.History.Count,
        t.BestEpoch,
        Parameters = t.Model.ParameterCount(),
        TrainSeconds = t.Seconds,
    };

    private static IEnumerable<IReadOnlyList<string>> Rows(SvSplitResult run)
    {
        string sizes = $"{run.Split.Train.Length:N0} / {run.Split.Test.Length:N0}";
        yield return [run.Split.Name, "no-learning baseline", sizes, Metric(run.ImprovedEvaluation.Baseline, true), Metric(run.ImprovedEvaluation.Baseline, false), "", "", ""];
        yield return [run.Split.Name, "paper's model", sizes, Metric(run.PaperEvaluation.Model, true), Metric(run.PaperEvaluation.Model, false),
            P(run.PaperEvaluation.RankExactFraction), run.Paper.History.Count.ToString(CultureInfo.InvariantCulture), Tables.Seconds(run.Paper.Seconds)];
        yield return [run.Split.Name, "improved model", sizes, Metric(run.ImprovedEvaluation.Model, true), Metric(run.ImprovedEvaluation.Model, false),
            P(run.ImprovedEvaluation.RankExactFraction), $"{run.Improved.History.Count} (kept {run.Improved.BestEpoch})", Tables.Seconds(run.Improved.Seconds)];
    }

    private string Faster(double perSecond, string what) => perSecond >= study.SvdPerSecond
        ? $"{what} is {perSecond / study.SvdPerSecond:0.##}× faster than the exact SVD."
        : $"{what} is {study.SvdPerSecond / perSecond:0.##}× slower than the exact SVD.";

    private static string Metric(MetricSummary m, bool nmse) => nmse ? $"{P(m.NmseMean)} ± {P(m.NmseStd)}" : $"{F(m.MaeMean)} ± {F(m.MaeStd)}";

    private static string P(double x) => SvLearnJson.Percent(x);

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
