using System.Diagnostics;
using System.Globalization;
using LowRank.Cli.Output;
using LowRank.Experiments;
using LowRank.Linalg;
using LowRank.Reports;
using Spectre.Console;

namespace LowRank.Cli.Experiments;

/// <summary>
/// Renders <see cref="CompressNetResults"/>: figures (PNG), DIR/index.html, DIR/results.json, and the console tables,
/// with the targets (base accuracy, the compressed network within one point, total time) marked PASS or FAIL.
/// </summary>
internal sealed class CompressNetReport(string directory, CompressNetResults results, bool quick, ILinalgBackend backend) : IExperimentReport
{
    /// <summary>Time target of the full run, seconds.</summary>
    public const double TimeLimitSeconds = 600;

    /// <summary>Target test accuracy of the uncompressed network, and the largest accuracy loss allowed at the weight target.</summary>
    public const double BaseTarget = 0.88, AllowedLoss = 0.01;

    /// <summary>The targets as <see cref="Write"/> judged them.</summary>
    private List<ExperimentTarget> _targets = [];

    /// <summary>Draws the figures, saves index.html and results.json; returns results.json's object.</summary>
    public object Write(Stopwatch clock)
    {
        var html = new HtmlReport("Compressing a Fashion-MNIST MLP by truncated SVD, and LoRA adapters");
        var figures = new List<string>();
        void Figure(string file, Action<string> draw, string caption)
        {
            ReportFigures.Add(html, directory, file, draw, caption);
            figures.Add(file);
        }
        var targets = _targets = Targets(clock.Elapsed.TotalSeconds);
        html.AddSection("The network and the targets",
            $"An MLP {Widths} (ReLU, softmax cross-entropy, Adam with warm-up and cosine decay) trained on {N(results.TrainCount)} " +
            $"Fashion-MNIST images and tested on {N(results.TestCount)}. Each weight matrix W (m×n) is then replaced by the two factors " +
            "Σ_k^½V_kᵀ and U_kΣ_k^½ of its truncated SVD — by Eckart–Young the best rank-k matrix — which store k(m+n) weights instead of mn." +
            (quick ? "\n\n**This is a --quick run** on the bundled 10k test set (8k train / 2k test) with short training: its numbers are not the full run's, and only its time is judged (the accuracy targets are for the full run: not judged here)." : ""));
        html.AddTable(IExperimentReport.TargetHeader, IExperimentReport.TargetRows(targets),
            $"Computed on the {backend.Name} backend with {backend.Threads} thread(s).");

        html.AddSection("Accuracy against the weights kept",
            "Rules: uniform (the same k in every layer), energy (per layer the smallest k keeping a share f of ‖W‖_F²) and budget " +
            "(a total weight budget, spent greedily on the singular values that remove the most squared Frobenius error, σ², per weight). " +
            "A layer where k(m+n) ≥ mn stays dense. Fine-tuning: the factors (and the rest) trained for a short while after the SVD.");
        html.AddTable(CompressionHeader, CompressionRows(), "Weights: entries of the weight matrices (biases not counted); share: of the uncompressed network's.");
        Figure("accuracy-vs-weights.png", AccuracyFigure, "Test accuracy against the share of weights kept, straight after the SVD and after fine-tuning.");
        Figure("weight-spectra.png", path => SpectraFigure(path, "Singular values of the trained weight matrices", results.Spectra.Select((s, i) => ($"layer {i + 1} ({s.Rows}×{s.Cols})", s.S)).ToList()),
            "σᵢ/σ₁ of each trained weight matrix: the faster the decay, the lower the rank a layer can take.");

        html.AddSection("Low-rank adapters (LoRA) on a shifted task",
            $"Shifted task: {results.ShiftedTask}. The trained network is frozen and every Linear layer gets ΔW = (α/r)·B·A, A random, B zero " +
            "(Hu et al. 2021); only A and B train. Against: the frozen network as it is, and full fine-tuning of every parameter, same training plan.");
        html.AddTable(AdapterHeader, AdapterRows());
        Figure("lora-accuracy.png", LoRAFigure, "Accuracy on the shifted task against the adapter rank r, with full fine-tuning and the frozen network for reference.");
        html.AddParagraph("Is the full fine-tuning update ΔW = W_tuned − W₀ itself approximately low-rank? The share of ‖ΔW‖_F² in its top r singular values (the most a rank-r adapter could capture, by Eckart–Young):");
        html.AddTable(UpdateHeader, UpdateRows());
        Figure("update-spectrum.png", path => SpectraFigure(path, "Singular values of the full fine-tuning update ΔW", results.UpdateSpectra.Select(u => ($"ΔW of layer {u.Layer}", u.Spectrum.S)).ToList()),
            "σᵢ/σ₁ of ΔW per layer.");

        html.AddSection("Throughput", $"Measured in this run: inference over the test set in batches of {CompressNetExperiment.InferenceBatch} (median of the repeats), training of the base network (forward, backward, Adam).");
        html.AddTable(["", "samples per second"], ThroughputRows().ToArray());
        html.AddCode($"lowrank experiment compress-net --out {Path.GetFileName(directory)}{(quick ? " --quick" : "")}");

        var summary = Summary(clock.Elapsed.TotalSeconds, targets, figures);
        JsonReport.SaveResults(directory, summary);
        html.Save(Path.Combine(directory, "index.html"));
        return summary;
    }

    /// <summary>The console rendering: compression, adapters, the update's energy, the targets.</summary>
    public void Print(CliContext context, double seconds)
    {
        var console = context.Console;
        console.Write(Tables.Grid(CompressionHeader, CompressionRows()));
        console.Write(Tables.Grid(["adaptation", "trainable", "frozen", "accuracy", "time"], // narrower than index.html's AdapterRows
            AdapterRows().Select(row => row.Take(5).ToArray())));
        console.Write(Tables.Grid(UpdateHeader, UpdateRows()));
        foreach (var row in ThroughputRows()) console.MarkupLine(Markup.Escape($"{row[0]}: {row[1]} samples/s"));
        IExperimentReport.PrintTargets(context, _targets, directory, seconds); // judged once, in Write: the console says what results.json says
    }

    private string Widths => string.Join("-", results.Widths);

    private IEnumerable<IReadOnlyList<string>> ThroughputRows()
    {
        yield return Row($"inference, uncompressed ({N(results.BaseWeights)} weights)", N(results.InferenceSamplesPerSecond));
        if (results.AtTarget is { } t && results.CompressedInferenceSamplesPerSecond is double c)
            yield return Row($"inference, compressed ({N(t.Weights)} weights, {P(t.WeightShare)}): {c / results.InferenceSamplesPerSecond:0.00}× uncompressed", N(c));
        yield return Row("training, uncompressed (batch 128)", N(results.TrainingSamplesPerSecond));
    }

    /// <summary>
    /// The issue's targets. The accuracy targets are for the full run (60k training images, 10 epochs); a --quick run
    /// trains on 8k images for a few epochs, so its accuracy targets are shown as not judged (never as passed) and only
    /// its time is judged.
    /// </summary>
    private List<ExperimentTarget> Targets(double seconds)
    {
        bool? Judged(bool passed) => quick ? null : passed;
        var t = results.AtTarget;
        return
        [
            new($"base test accuracy ≥ {P(BaseTarget)}", P(results.BaseAccuracy), Judged(results.BaseAccuracy >= BaseTarget)),
            new($"≤ {P(results.TargetShare)} of the weights, fine-tuned, within {AllowedLoss * 100:0} point of the base",
                t is null ? "no fine-tuned network that small" : $"{P(t.FineTunedAccuracy!.Value)} with {P(t.WeightShare)} of the weights ({t.Rule} {F(t.Setting)}), base {P(results.BaseAccuracy)}",
                Judged(t is not null && results.BaseAccuracy - t.FineTunedAccuracy!.Value <= AllowedLoss)),
            new($"total time ≤ {TimeLimitSeconds:0} s", Tables.Seconds(seconds), seconds <= TimeLimitSeconds),
        ];
    }

    public static readonly string[] CompressionHeader = ["rule", "setting", "ranks per layer", "weights", "share", "accuracy (SVD)", "fine-tuned"];

    public static readonly string[] AdapterHeader =
        ["adaptation", "trainable parameters", "frozen parameters", "test accuracy", "training time", "merged − unmerged (max |logit|)"];

    /// <summary>The share of ‖ΔW‖_F² in the top r singular values of the full fine-tuning update, per layer and adapter rank.</summary>
    private string[] UpdateHeader => ["ΔW of layer", .. results.UpdateSpectra[0].Ranks.Select(r => $"energy in top {r}")];

    private IReadOnlyList<string>[] UpdateRows() =>
        [.. results.UpdateSpectra.Select(u => (IReadOnlyList<string>)[$"{u.Layer} ({u.Spectrum.Rows}×{u.Spectrum.Cols})", .. u.Energy.Select(P)])];

    /// <summary>One row per compressed network (<see cref="CompressionHeader"/>).</summary>
    public IReadOnlyList<string>[] CompressionRows() => [.. results.Compressed.Select(CompressionRow)];

    /// <summary>The frozen network, full fine-tuning and each adapter rank (<see cref="AdapterHeader"/>).</summary>
    public IReadOnlyList<string>[] AdapterRows() =>
        [Row("frozen network", "0", N(results.BaseParameters), P(results.FrozenAccuracy), Dash, Dash), .. results.Adaptations.Select(AdapterRow)];

    /// <summary>Test accuracy against the share of weights kept, one line per rule, with and without fine-tuning.</summary>
    public void AccuracyFigure(string path)
    {
        var series = new List<(string, IReadOnlyList<double>, IReadOnlyList<double>)>();
        foreach (var rule in results.Compressed.Select(p => p.Rule).Distinct())
        {
            var points = results.Compressed.Where(p => p.Rule == rule).OrderBy(p => p.Weights).ToList();
            series.Add(($"{rule}, SVD only", points.Select(p => 100 * p.WeightShare).ToList(), points.Select(p => 100 * p.Accuracy).ToList()));
            var tuned = points.Where(p => p.FineTunedAccuracy is not null).ToList();
            if (tuned.Count > 0)
                series.Add(($"{rule}, fine-tuned", tuned.Select(p => 100 * p.WeightShare).ToList(), tuned.Select(p => 100 * p.FineTunedAccuracy!.Value).ToList()));
        }
        series.Add(("uncompressed", [0, 100], [100 * results.BaseAccuracy, 100 * results.BaseAccuracy]));
        Figures.Curves(path, $"MLP {Widths}: test accuracy against weights kept", "weights kept (% of the uncompressed network)", "test accuracy (%)", series, logY: false);
    }

    /// <summary>Accuracy on the shifted task against the adapter rank, with full fine-tuning and the frozen network.</summary>
    public void LoRAFigure(string path)
    {
        var lora = results.Adaptations.Where(a => a.Rank is not null).ToList();
        double[] span = [lora.Min(a => a.Rank!.Value), lora.Max(a => a.Rank!.Value)];
        var full = results.Adaptations.First(a => a.Rank is null);
        Figures.Curves(path, "LoRA on the shifted task (images upside down)", "adapter rank r", "test accuracy (%)",
        [
            ("LoRA, rank r", lora.Select(a => (double)a.Rank!.Value).ToList(), lora.Select(a => 100 * a.Accuracy).ToList()),
            ($"full fine-tuning ({N(full.TrainableParameters)} trainable)", span, [100 * full.Accuracy, 100 * full.Accuracy]),
            ("frozen network", span, [100 * results.FrozenAccuracy, 100 * results.FrozenAccuracy]),
        ], logY: false);
    }

    private static void SpectraFigure(string path, string title, IReadOnlyList<(string Label, IReadOnlyList<double> S)> spectra) =>
        Figures.LinesAgainstIndex(path, title, "index i", "σᵢ / σ₁",
            [.. spectra.Select(s => (s.Label, (IReadOnlyList<double>)s.S.Select(x => s.S[0] > 0 ? x / s.S[0] : 0).ToList()))], logY: true);

    private static IReadOnlyList<string> CompressionRow(CompressionPoint p) =>
        Row(p.Rule, F(p.Setting), RankText(p.Ranks), N(p.Weights), P(p.WeightShare), P(p.Accuracy), p.FineTunedAccuracy is double a ? P(a) : Dash);

    private static IReadOnlyList<string> AdapterRow(AdapterPoint a) =>
        Row(a.Rank is int r ? $"LoRA r = {r}" : "full fine-tuning", N(a.TrainableParameters), N(a.FrozenParameters), P(a.Accuracy), Tables.Seconds(a.Seconds),
            a.MergeMaxDifference is double d ? d.ToString("G3", CultureInfo.InvariantCulture) : Dash);

    private static string RankText(IReadOnlyList<int?> ranks) => string.Join(", ", ranks.Select(k => k?.ToString(CultureInfo.InvariantCulture) ?? "dense"));

    private object Summary(double seconds, List<ExperimentTarget> targets, List<string> figures) => new
    {
        Experiment = "compress-net",
        Commands.Flags.Version,
        Backend = backend.Name,
        backend.Threads,
        Quick = quick,
        Seconds = seconds,
        ComputeSeconds = results.Seconds,
        Report = Path.Combine(directory, "index.html"),
        Figures = figures,
        Targets = targets.Select(t => t.Json()).ToArray(),
        AllTargetsPassed = ExperimentTarget.AllPassed(targets),
        Layers = results.Widths,
        results.TrainCount,
        results.TestCount,
        Base = new
        {
            Accuracy = results.BaseAccuracy,
            Weights = results.BaseWeights,
            Parameters = results.BaseParameters,
            Loss = results.BaseLoss,
            TrainingSeconds = results.BaseTrainingSeconds,
            TrainingSamplesPerSecond = results.TrainingSamplesPerSecond,
        },
        Compressed = results.Compressed.Select(CompressionJson).ToArray(),
        results.TargetShare,
        AtTarget = results.AtTarget is null ? null : CompressionJson(results.AtTarget),
        Inference = new
        {
            Batch = CompressNetExperiment.InferenceBatch,
            UncompressedSamplesPerSecond = results.InferenceSamplesPerSecond,
            CompressedSamplesPerSecond = results.CompressedInferenceSamplesPerSecond,
            Speedup = results.CompressedInferenceSamplesPerSecond / results.InferenceSamplesPerSecond,
        },
        Adapters = new
        {
            results.ShiftedTask,
            results.FrozenAccuracy,
            FullFineTune = results.Adaptations.Where(a => a.Rank is null).Select(AdapterJson).Single(),
            Lora = results.Adaptations.Where(a => a.Rank is not null).Select(AdapterJson).ToArray(),
            UpdateSpectra = results.UpdateSpectra.Select(u => new
            {
                u.Layer,
                u.Spectrum.Rows,
                u.Spectrum.Cols,
                SingularValues = u.Spectrum.S,
                u.Ranks,
                EnergyInTopRanks = u.Energy,
            }).ToArray(),
        },
    };

    private static object CompressionJson(CompressionPoint p) => new
    {
        p.Rule,
        p.Setting,
        p.Ranks,
        p.Weights,
        p.WeightShare,
        p.Parameters,
        p.Accuracy,
        FineTunedAccuracy = JsonReport.NumberOrNull(p.FineTunedAccuracy),
        p.FineTuneSeconds,
    };

    private static object AdapterJson(AdapterPoint a) => new
    {
        a.Rank,
        a.TrainableParameters,
        a.FrozenParameters,
        a.Accuracy,
        a.Seconds,
        a.MergeMaxDifference,
    };

    private const string Dash = "—";

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    private static string N(double x) => x.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(double x) => Tables.Percent(x);

    private static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
