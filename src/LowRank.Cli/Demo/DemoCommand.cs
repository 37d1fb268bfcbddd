using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Reports;

namespace LowRank.Cli.Demo;

/// <summary><c>lowrank demo [--out DIR]</c>: every capability on the bundled sample data, as one report.</summary>
internal static class DemoCommand
{
    private static IDemoSection[] Sections() =>
        [new ApproximationSection(), new NeuralSection(), new CompletionSection(), new SvLearnSection(), new ImageSection(), new CompressionSection(), new SparseSection(), new StreamingSection(), new DistributedSection()];

    public static Command Create(CliContext context)
    {
        var outDir = new Option<string>("--out") { Description = "Report directory", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var cache = Commands.SvLearnFlags.CacheOption();
        var json = Commands.Flags.Json();
        var command = new Command("demo", "Run every capability on the bundled sample data and write an HTML report");
        command.Options.Add(outDir);
        command.Options.Add(cache);
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            string dir = Commands.Flags.ReportDirectory(context, parsed.GetValue(outDir)!);
            var clock = Stopwatch.StartNew();
            var summary = new Dictionary<string, object>();
            var parts = new List<(IDemoSection Section, DemoContext Part, double Seconds)>();
            foreach (var section in Sections())
            {
                var part = new DemoContext(dir, new HtmlReport(section.Title), context.Backend, parsed.GetValue(cache), context.Cancellation);
                var sectionClock = Stopwatch.StartNew();
                summary[section.Key] = context.WithProgress($"demo: {section.Title}", () => section.Run(part));
                context.Note(part.Note);
                parts.Add((section, part, sectionClock.Elapsed.TotalSeconds));
            }
            var result = new
            {
                Version = Commands.Flags.Version,
                Backend = context.Backend.Name,
                Threads = context.Backend.Threads,
                Seconds = clock.Elapsed.TotalSeconds,
                SectionSeconds = parts.ToDictionary(p => p.Section.Key, p => p.Seconds),
                Headlines = parts.ToDictionary(p => p.Section.Key, p => p.Part.Headline),
                Report = Path.Combine(dir, "index.html"),
                Sections = summary,
            };
            string resultsJson = JsonReport.SaveResults(dir, result);
            Assemble(parts, context, result.Seconds).Save(result.Report);
            if (parsed.GetValue(json)) context.Output.WriteLine(resultsJson);
            else context.Output.WriteLine($"report {result.Report} ({string.Join(", ", summary.Keys)}) in {Tables.Seconds(result.Seconds)}");
            context.WroteFolder(dir, dir);
            return 0;
        });
        return command;
    }

    /// <summary>The report: an overview of what ran, where and how long, then every section's part in order.</summary>
    private static HtmlReport Assemble(List<(IDemoSection Section, DemoContext Part, double Seconds)> parts, CliContext context, double seconds)
    {
        var report = new HtmlReport("LowRank demo");
        report.AddSection("At a glance",
            "Every capability of LowRank on the sample data bundled with it (no downloads), computed just now. " +
            "Each section names the command that reproduces it on your own files; the numbers are also in `results.json`.");
        report.AddTable(["section", "key result", "results.json key", "time"],
            parts.Select(p => (IReadOnlyList<string>)[p.Part.Report.Title, p.Part.Headline, p.Section.Key, Tables.Seconds(p.Seconds)]).ToList(),
            $"LowRank {Commands.Flags.Version}, {context.Backend.Name} backend ({context.Backend.Library}), {context.Backend.Threads} threads, " +
            $"{Environment.ProcessorCount} cores; {Tables.Seconds(seconds)} in all, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        foreach (var (_, part, _) in parts) report.Append(part.Report);
        return report;
    }
}
