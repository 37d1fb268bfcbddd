using LowRank.Linalg;
using LowRank.Reports;

namespace LowRank.Cli.Demo;

/// <summary>What a demo section needs: where figures go, the report being built, the backend, where SV-Learn caches
/// its labels (null: the default cache directory), and the token an interrupt cancels.</summary>
internal sealed class DemoContext(string outputDirectory, HtmlReport report, ILinalgBackend backend, string? cacheDirectory = null,
    CancellationToken cancellation = default)
{
    public string OutputDirectory { get; } = outputDirectory;

    public HtmlReport Report { get; } = report;

    public ILinalgBackend Backend { get; } = backend;

    public string? CacheDirectory { get; } = cacheDirectory;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>A one-line note for stderr (e.g. why the SV-Learn labels were not cached), printed after the section; null if none.</summary>
    public string? Note { get; set; }

    /// <summary>The section's key result in one line, for the report's overview table (set by the section as it runs).</summary>
    public string Headline { get; set; } = "";

    /// <summary>Draws a figure into the report directory (<paramref name="draw"/> gets its path) and adds it to the report.</summary>
    public void AddFigure(string fileName, Action<string> draw, string caption) =>
        Output.ReportFigures.Add(Report, OutputDirectory, fileName, draw, caption);

    /// <summary>A bundled sample file (copied next to the program at build time).</summary>
    public static string Sample(string fileName)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "samples", fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"bundled sample {fileName} is missing from {path}; rebuild LowRank");
    }
}
