using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Reports;

namespace LowRank.Cli.Demo;

/// <summary><c>lowrank demo [--out DIR]</c>: every capability on the bundled sample data, as one report.</summary>
internal static class DemoCommand
{
    private static IDemoSection[] Sections() => [new ApproximationSection(), new NeuralSection(), new CompletionSection(), new SvLearnSection()];

    public static Command Create(CliContext context)
    {
        var outDir = new Option<string>("--out") { Description = "Report directory", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var json = Commands.Flags.Json();
        var command = new Command("demo", "Run every capability on the bundled sample data and write an HTML report");
        command.Options.Add(outDir);
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            string dir = Commands.Flags.ReportDirectory(parsed.GetValue(outDir)!);
            var clock = Stopwatch.StartNew();
            var report = new HtmlReport("LowRank demo");
            var demo = new DemoContext(dir, report, context.Backend);
            var summary = new Dictionary<string, object>();
            foreach (var section in Sections())
                summary[section.Key] = context.WithProgress($"demo: {section.Title}", () => section.Run(demo));
            var result = new
            {
                Version = Commands.Flags.Version,
                Backend = demo.Backend.Name,
                Threads = demo.Backend.Threads,
                Seconds = clock.Elapsed.TotalSeconds,
                Report = Path.Combine(dir, "index.html"),
                Sections = summary,
            };
            string resultsJson = JsonReport.SaveResults(dir, result);
            report.Save(Path.Combine(dir, "index.html"));
            if (parsed.GetValue(json)) context.Output.WriteLine(resultsJson);
            else context.Output.WriteLine($"wrote {result.Report} ({string.Join(", ", summary.Keys)}) in {Tables.Seconds(result.Seconds)}");
            return 0;
        });
        return command;
    }
}
