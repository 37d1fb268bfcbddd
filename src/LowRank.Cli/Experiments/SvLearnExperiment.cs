using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Commands;
using LowRank.Cli.Output;
using LowRank.SingularValueLearning;

namespace LowRank.Cli.Experiments;

/// <summary>
/// <c>lowrank experiment svlearn --data spambase|fashion-mnist --out DIR [--quick] [--json]</c>: SV-Learn's Table I
/// and figures (Xu, Shiao, Chen, Papalexakis) — the paper's model and the improved one, on the paper's random split and
/// on a leakage-free one, beside the no-learning baseline and the published figures — plus the throughput against the
/// exact SVD.
/// </summary>
internal static class SvLearnExperiment
{
    /// <summary>--quick: a seconds-long smoke run (small data, small networks, few epochs; numbers not comparable).</summary>
    private static readonly SvLearnOptions QuickPaper = new() { Kind = SvModelKind.Paper, Hidden = [64, 32], Epochs = 2 },
        QuickImproved = new() { Hidden = [64, 64], Epochs = 15 };

    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "spambase or fashion-mnist", DefaultValueFactory = _ => "spambase" };
        data.AcceptOnlyFromAmong("spambase", "fashion-mnist");
        var outDir = new Option<string>("--out") { Description = "Report directory", Required = true };
        var quick = new Option<bool>("--quick") { Description = "A smoke run in seconds: part of the data, tiny networks (numbers not comparable)" };
        var cache = SvLearnFlags.CacheOption();
        var seed = Flags.Seed();
        var json = Flags.Json();
        var command = new Command("svlearn", "SV-Learn: networks that predict singular values, paper's model and improved, two splits, beside Table I");
        foreach (Option o in new Option[] { data, outDir, quick, cache, seed, json }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            var clock = Stopwatch.StartNew();
            string dir = Flags.ReportDirectory(context, parsed.GetValue(outDir)!);
            bool isQuick = parsed.GetValue(quick);
            int s = parsed.GetValue(seed);
            string name = parsed.GetValue(data)!;
            var backend = context.Backend;
            var source = context.WithProgress("experiment svlearn: windows and labels", () =>
                SvLearnData.Load(name, null, null, false, isQuick ? (name == "spambase" ? 300 : 1_200) : null, s, parsed.GetValue(cache), backend, context.Cancellation));
            context.Note(source.CacheSkipped);
            var paper = (isQuick ? QuickPaper : new SvLearnOptions { Kind = SvModelKind.Paper }) with { Seed = s };
            var improved = (isQuick ? QuickImproved : new SvLearnOptions()) with { Seed = s };
            var runs = context.WithProgress("experiment svlearn: training", status =>
            {
                var first = SvSplitResult.Run(source.Dataset, source.PaperSplit, paper, improved, status, backend);
                var second = ReferenceEquals(source.LeakageFreeSplit, source.PaperSplit)
                    ? first
                    : SvSplitResult.Run(source.Dataset, source.LeakageFreeSplit, paper, improved, status, backend);
                return (Paper: first, LeakageFree: second);
            });
            var study = context.WithProgress("experiment svlearn: reconstructions and throughput", () => SvLearnStudy.Run(source, runs.Paper, isQuick, s, backend));
            var report = new SvLearnReport(dir, name, source, runs.Paper, runs.LeakageFree, study, isQuick);
            return IExperimentReport.Emit(report, context, parsed.GetValue(json), clock, dir);
        });
        return command;
    }
}
