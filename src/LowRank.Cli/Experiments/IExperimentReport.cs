using System.Diagnostics;
using LowRank.Cli.Output;
using Spectre.Console;

namespace LowRank.Cli.Experiments;

/// <summary>
/// The report of a <c>lowrank experiment</c> run: its files (figures, DIR/index.html, DIR/results.json) and its console
/// rendering. <see cref="Emit"/> is the end every experiment command shares.
/// </summary>
internal interface IExperimentReport
{
    /// <summary>Draws the figures, saves index.html and results.json (atomically); returns results.json's object.</summary>
    object Write(Stopwatch clock);

    /// <summary>The console tables and targets, for a run without --json.</summary>
    void Print(CliContext context, double seconds);

    /// <summary>
    /// Writes the report's files into <paramref name="directory"/>, then prints results.json's object as the one JSON
    /// object on stdout (--json) or the console rendering, and reports every file written; returns exit code 0.
    /// </summary>
    static int Emit(IExperimentReport report, CliContext context, bool json, Stopwatch clock, string directory)
    {
        object summary = report.Write(clock);
        if (json) JsonReport.Write(context.Output, summary);
        else report.Print(context, clock.Elapsed.TotalSeconds);
        context.WroteFolder(directory, directory);
        return 0;
    }

    /// <summary>The header of index.html's targets table (<see cref="TargetRows"/>).</summary>
    static readonly string[] TargetHeader = ["target", "measured", "result"];

    /// <summary>One row per target: its name, what was measured, PASS, FAIL or not judged.</summary>
    static IReadOnlyList<string>[] TargetRows(IEnumerable<ExperimentTarget> targets) =>
        [.. targets.Select(t => (IReadOnlyList<string>)[t.Name, t.Measured, t.Result])];

    /// <summary>The last lines on the console: each target, PASS, FAIL or not judged, then where the report is (its files are reported by <see cref="Emit"/>).</summary>
    static void PrintTargets(CliContext context, IEnumerable<ExperimentTarget> targets, string directory, double seconds)
    {
        foreach (var t in targets)
            context.Console.MarkupLine($"{t.Passed switch { true => "[green]PASS[/]", false => "[red]FAIL[/]", null => "[grey]not judged[/]" }} {Markup.Escape(t.Name)}: {Markup.Escape(t.Measured)}");
        context.Console.MarkupLine($"report [bold]{Markup.Escape(Path.Combine(directory, "index.html"))}[/] in {Tables.Seconds(seconds)}");
    }
}
