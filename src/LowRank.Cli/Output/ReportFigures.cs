using LowRank.Reports;

namespace LowRank.Cli.Output;

/// <summary>Figures of a report directory (demo, experiments): drawn into the directory, linked from index.html by file name.</summary>
internal static class ReportFigures
{
    /// <summary>Calls <paramref name="draw"/> with DIR/<paramref name="fileName"/> and adds the figure to <paramref name="report"/>.</summary>
    public static void Add(HtmlReport report, string directory, string fileName, Action<string> draw, string caption)
    {
        draw(Path.Combine(directory, fileName));
        report.AddFigure(fileName, caption);
    }
}
