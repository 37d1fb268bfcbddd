using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using LowRank.Cli.Output;
using LowRank.Experiments;
using LowRank.Linalg;
using LowRank.Reports;

namespace LowRank.Cli.Experiments;

/// <summary>
/// Renders <see cref="BleckelResults"/>: figures (PNG), DIR/index.html, DIR/results.json, and the console tables,
/// with the study's published numbers beside ours and the targets marked PASS or FAIL.
/// </summary>
internal sealed class BleckelReport(string directory, BleckelResults results, bool quick, ILinalgBackend backend) : IExperimentReport
{
    /// <summary>The time target of the whole command, seconds.</summary>
    public const double TimeLimitSeconds = 300;

    private const string Dash = "—";

    private IReadOnlyList<BleckelTarget> _targets = results.Targets;

    private IEnumerable<ExperimentTarget> Targets => _targets.Select(t => new ExperimentTarget(t.Name, t.Measured, t.Passed));

    /// <summary>Draws the figures, judges the time target, saves index.html and results.json; returns results.json's object.</summary>
    public object Write(Stopwatch clock)
    {
        var figures = BleckelFigures.Draw(directory, results, backend);
        double seconds = clock.Elapsed.TotalSeconds;
        _targets = [.. results.Targets, new BleckelTarget($"total time ≤ {TimeLimitSeconds:0} s", Tables.Seconds(seconds), seconds <= TimeLimitSeconds)];

        var html = new HtmlReport("Bleckel: low-rank approximation by a bottleneck network, against the SVD");
        html.AddSection("The study and the targets",
            "A linear network with a choke point of k neurons (design n-n-k-n: n inputs, a hidden layer of n, the bottleneck k, " +
            "n outputs) is trained on pairs (x, A·x). The product W of its weight matrices has rank ≤ k, so by Eckart–Young its " +
            "relative 2-norm error ‖A − W‖₂/‖A‖₂ is at least σ_(k+1)/σ₁, the error of the truncated SVD. The study reports how close " +
            "its networks came; we rerun every case and print its numbers beside ours." +
            (quick ? "\n\n**This is a --quick run**: few matrices, small images, short training. Its numbers are not comparable with the study." : ""));
        html.AddTable(IExperimentReport.TargetHeader, IExperimentReport.TargetRows(Targets),
            $"Computed in {Tables.Seconds(seconds)} on the {backend.Name} backend with {backend.Threads} thread(s); ratios are network/SVD in the 2-norm.");

        html.AddSection("Matrices and images",
            "Relative 2-norm errors. The published diagonal case has SVD error 0.5918 = 29/49, which is diag(0, 1, …, 49) at k = 20 " +
            "(σ₂₁/σ₁ = 29/49); diag(1, …, 50) has 30/50 = 0.6. For several colour channels the 2-norm error is the worst channel's.");
        html.AddTable(CaseHeader, results.Cases.Select(CaseRow).ToArray(), "“to 1.01×”: training time until the network's error was first within 1.01× the SVD's.");
        foreach (var (file, caption) in figures.Where(f => f.File.EndsWith("-panels.png", StringComparison.Ordinal))) html.AddFigure(file, caption);

        html.AddSection("Random 10×10 matrices",
            $"{results.Gaussian[0].Runs.Count} seeded matrices per rank k = 1..9, Gaussian (entries N(0, 1)) and symmetric ((G + Gᵀ)/2). " +
            "The study's measure is the mean |network error − SVD error| (2-norm, relative).");
        html.AddTable(RandomHeader, RandomRows(), "Worst ratio: the largest network/SVD error ratio among the matrices of that rank; rank ≤ k: how many runs passed the numerical rank check.");
        foreach (var (file, caption) in figures.Where(f => f.File is "gap.png" or "heatmap-10x10.png")) html.AddFigure(file, caption);

        html.AddSection("Network designs", "The study's comparison of designs: n-n-k-n, n-k-n (one layer each side of the bottleneck) and a funnel (powers of two from n down to k and back), same training.");
        html.AddTable(RunHeader, results.Designs.Select(RunRow).ToArray());

        html.AddSection("Objectives: sampled inputs against the exact Frobenius loss",
            "samples: seeded x ~ N(0, I) with targets A·x and the mean squared error (the study's protocol). frobenius: the n unit vectors as inputs, " +
            "so the loss is exactly proportional to ‖W − A‖_F², whose rank-k minimiser is the truncated SVD. Which reaches 1.01× the SVD error sooner?");
        html.AddTable(RunHeader, results.Objectives.Select(RunRow).ToArray());
        foreach (var (file, caption) in figures.Where(f => f.File is "loss.png" or "excess.png")) html.AddFigure(file, caption);
        html.AddCode($"lowrank experiment bleckel --out {Path.GetFileName(directory)}{(quick ? " --quick" : "")}");

        var summary = Summary(seconds, figures.Select(f => f.File).ToArray());
        JsonReport.SaveResults(directory, summary);
        html.Save(Path.Combine(directory, "index.html"));
        return summary;
    }

    /// <summary>The console rendering (narrow: published against ours, the targets); index.html has every column.</summary>
    public void Print(CliContext context, double seconds)
    {
        var console = context.Console;
        console.Write(Tables.Grid(["case", "k", "published SVD / network", "ours SVD / network", "ratio", "to 1.01×"],
            results.Cases.Select(c => Row(c.Key, I(c.Run.Rank), $"{Opt(c.PublishedSvd)} / {Opt(c.PublishedNetwork)}",
                $"{F(c.Run.SvdRelErrorSpectral)} / {F(c.Run.NnRelErrorSpectral)}", F(c.Run.RatioSpectral), To101(c.Run)))));
        console.Write(Tables.Grid(["k", "Gaussian gap: published / ours", "worst ratio", "symmetric gap: published / ours", "worst ratio"],
            results.Gaussian.Zip(results.Symmetric, (g, s) => Row(I(g.Rank), $"{F(g.PublishedGap)} / {F(g.MeanGap)}", F(g.WorstRatio),
                $"{F(s.PublishedGap)} / {F(s.MeanGap)}", F(s.WorstRatio)))));
        console.Write(Tables.Grid(["case", "network / SVD", "ratio", "time", "to 1.01×"],
            results.Designs.Concat(results.Objectives).Select(c => Row(c.Key, $"{F(c.Run.NnRelErrorSpectral)} / {F(c.Run.SvdRelErrorSpectral)}",
                F(c.Run.RatioSpectral), Tables.Seconds(c.Run.Seconds), To101(c.Run)))));
        IExperimentReport.PrintTargets(context, Targets, directory, seconds);
    }

    private static readonly string[] CaseHeader =
        ["case", "k", "SVD (published)", "network (published)", "SVD (ours)", "network (ours)", "network / SVD", "rank of W", "time", "to 1.01×"];

    private static readonly string[] RandomHeader =
        ["k", "Gaussian: gap (published)", "gap (ours)", "worst ratio", "rank ≤ k", "symmetric: gap (published)", "gap (ours)", "worst ratio", "rank ≤ k"];

    private static readonly string[] RunHeader =
        ["case", "design", "objective", "weights", "epochs", "network", "SVD", "network / SVD", "rank of W", "time", "to 1.01×"];

    private static IReadOnlyList<string> CaseRow(BleckelCaseResult c) =>
        Row(c.Title, I(c.Run.Rank), Opt(c.PublishedSvd), Opt(c.PublishedNetwork), F(c.Run.SvdRelErrorSpectral), F(c.Run.NnRelErrorSpectral),
            F(c.Run.RatioSpectral), RankCell(c.Run), Tables.Seconds(c.Run.Seconds), To101(c.Run));

    private static IReadOnlyList<string> RunRow(BleckelCaseResult c) =>
        Row(c.Title, BottleneckNames.Of(c.Run.Design), BottleneckNames.Of(c.Run.Objective), c.Run.Channels.Sum(r => r.Parameters).ToString("N0", CultureInfo.InvariantCulture),
            I(c.Run.Epochs), F(c.Run.NnRelErrorSpectral), F(c.Run.SvdRelErrorSpectral), F(c.Run.RatioSpectral), RankCell(c.Run), Tables.Seconds(c.Run.Seconds), To101(c.Run));

    private IReadOnlyList<string>[] RandomRows() => results.Gaussian.Zip(results.Symmetric, (g, s) =>
        Row(I(g.Rank), F(g.PublishedGap), F(g.MeanGap), F(g.WorstRatio), $"{g.RankChecksPassed}/{g.Runs.Count}",
            F(s.PublishedGap), F(s.MeanGap), F(s.WorstRatio), $"{s.RankChecksPassed}/{s.Runs.Count}")).ToArray();

    private object Summary(double seconds, string[] figureFiles) => new
    {
        Experiment = "bleckel",
        Commands.Flags.Version,
        Backend = backend.Name,
        backend.Threads,
        Quick = quick,
        Seconds = seconds,
        ComputeSeconds = results.Seconds, // training and SVDs; the rest of "seconds" is loading, figures and the report
        Report = Path.Combine(directory, "index.html"),
        Figures = figureFiles,
        Targets = Targets.Select(t => t.Json()).ToArray(),
        AllTargetsPassed = ExperimentTarget.AllPassed(Targets),
        Cases = results.Cases.Select(c => new CaseJson(c)).ToArray(),
        Gaussian = Ranks(results.Gaussian),
        Symmetric = Ranks(results.Symmetric),
        Designs = results.Designs.Select(c => new CaseJson(c)).ToArray(),
        Objectives = results.Objectives.Select(c => new CaseJson(c)).ToArray(),
    };

    private static object[] Ranks(IReadOnlyList<BleckelRankSummary> set) => set.Select(s => (object)new
    {
        s.Rank,
        s.PublishedGap,
        s.MeanGap,
        s.WorstRatio,
        s.RankChecksPassed,
        Runs = s.Runs.Select(r => new { r.NnRelErrorSpectral, r.SvdRelErrorSpectral, r.RatioSpectral, r.NumericalRank, r.Seconds }).ToArray(),
    }).ToArray();

    /// <summary>A case in results.json: its key and title, the run's fields as <c>nn-approx --json</c> has them, the published errors.</summary>
    private sealed class CaseJson(BleckelCaseResult c) : BottleneckJson(c.Run)
    {
        [JsonPropertyOrder(-2)] public string Key => c.Key;
        [JsonPropertyOrder(-1)] public string Title => c.Title;
        [JsonPropertyOrder(1)] public double? PublishedSvd => c.PublishedSvd;
        [JsonPropertyOrder(1)] public double? PublishedNetwork => c.PublishedNetwork;
    }

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    private static string RankCell(BottleneckRun run) => $"{run.NumericalRank}{(run.RankCheckPassed ? " ≤ k" : " > k!")}";

    private static string To101(BottleneckRun run) => run.SecondsTo101 is double t ? Tables.Seconds(t) : "never";

    private static string Opt(double? x) => x is double v ? F(v) : Dash;

    private static string I(int x) => x.ToString(CultureInfo.InvariantCulture);

    private static string F(double x) => x.ToString("0.#####", CultureInfo.InvariantCulture);
}
