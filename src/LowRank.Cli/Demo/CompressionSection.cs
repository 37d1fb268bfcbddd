using LowRank.Cli.Experiments;
using LowRank.Experiments;

namespace LowRank.Cli.Demo;

/// <summary>
/// Demo section: the quick run of <c>lowrank experiment compress-net</c> on the bundled Fashion-MNIST test set — an
/// MLP compressed by truncated SVD of its weight matrices (accuracy against weights kept, with and without fine-tuning)
/// and LoRA adapters on the upside-down images against full fine-tuning.
/// </summary>
internal sealed class CompressionSection : IDemoSection
{
    public string Key => "network_compression";

    public string Title => "network compression";

    public object Run(DemoContext context)
    {
        var results = CompressNetExperiment.Run(CompressNetCommand.QuickSettings(CompressNetCommand.BundledSet()), backend: context.Backend);
        var report = new CompressNetReport(context.OutputDirectory, results, quick: true, context.Backend);
        context.Report.AddSection("Network compression and low-rank adapters",
            $"An MLP {string.Join("-", results.Widths)} trained on {results.TrainCount:N0} bundled Fashion-MNIST images (test: {results.TestCount:N0}). " +
            "Each weight matrix W is replaced by the two factors of its truncated SVD (k(m+n) weights instead of mn; Eckart–Young), " +
            "then fine-tuned briefly. LoRA: the network frozen, adapters ΔW = (α/r)·B·A trained on the images upside down. " +
            "`lowrank experiment compress-net` runs the full experiment on the 60k training set.");
        context.AddFigure("compression-accuracy.png", report.AccuracyFigure, "Test accuracy against the share of weights kept (quick run).");
        context.Report.AddTable(CompressNetReport.CompressionHeader, report.CompressionRows());
        context.AddFigure("compression-lora.png", report.LoRAFigure, "LoRA: accuracy on the upside-down images against the adapter rank (quick run).");
        context.Report.AddTable(CompressNetReport.AdapterHeader, report.AdapterRows());
        var target = results.AtTarget;
        if (target is not null)
            context.Headline = $"{100 * target.WeightShare:0.#} % of the weights: {100 * target.FineTunedAccuracy:0.0} % test accuracy after fine-tuning " +
                $"(uncompressed {100 * results.BaseAccuracy:0.0} %; quick run on the bundled set)";
        return new
        {
            results.Widths,
            results.BaseAccuracy,
            results.BaseWeights,
            AtTarget = target is null ? null : new { target.Rule, target.Setting, target.Ranks, target.Weights, target.WeightShare, target.Accuracy, target.FineTunedAccuracy },
            results.FrozenAccuracy,
            Adaptations = results.Adaptations.Select(a => new { Kind = a.Rank is null ? "full fine-tuning" : "lora", a.Rank, a.TrainableParameters, a.Accuracy }).ToArray(),
            results.Seconds,
        };
    }
}
