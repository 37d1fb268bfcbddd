using System.Text.Json;

namespace LowRank.Tests.Cli;

/// <summary>One run of <c>lowrank demo --json</c> shared by the demo tests (the demo is the slowest command in the suite).</summary>
public sealed class DemoReport : IDisposable
{
    private readonly TempDirectory directory = new();

    public DemoReport()
    {
        Results = CliRunner.Json(CliRunner.Run("demo", "--out", directory.Path, "--json"));
        Html = File.ReadAllText(IndexPath);
    }

    public string Directory => directory.Path;

    public string IndexPath => Path.Combine(directory.Path, "index.html");

    public JsonElement Results { get; }

    public string Html { get; }

    public void Dispose() => directory.Dispose();
}
