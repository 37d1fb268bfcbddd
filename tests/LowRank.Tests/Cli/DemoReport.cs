using System.Text.Json;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>One run of <c>lowrank demo --json</c> shared by the demo tests (the demo is the slowest command in the suite).</summary>
public sealed class DemoReport : IDisposable
{
    private readonly TempDirectory directory = new(), cache = new();

    /// <summary>Runs the demo with its own SV-Learn label cache: the suite neither reads nor writes the user's ~/.cache.</summary>
    public DemoReport()
    {
        Run = CliRunner.Run("demo", "--out", directory.Path, "--cache", cache.Path, "--json");
        Results = CliRunner.Json(Run);
        Assert.NotEmpty(System.IO.Directory.GetFiles(cache.Path, "*.lrsv"));
        Html = File.ReadAllText(IndexPath);
    }

    public string Directory => directory.Path;

    public string IndexPath => Path.Combine(directory.Path, "index.html");

    /// <summary>The run itself: exit code, stdout (the JSON) and stderr.</summary>
    internal CliRunner.Result Run { get; }

    public JsonElement Results { get; }

    public string Html { get; }

    public void Dispose()
    {
        directory.Dispose();
        cache.Dispose();
    }
}
