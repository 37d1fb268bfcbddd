using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>
/// Checks that a command reported every file it wrote: each file under a directory is named by a "wrote PATH" line, or
/// listed in a "wrote DIR: n files (a, b/c)" line, on stdout (tables) or on stderr (--json, whose stdout is then one
/// JSON object and nothing else); and that every file reported exists.
/// </summary>
internal static partial class WrittenFiles
{
    public static void AssertEveryFileReported(CliRunner.Result r, string directory, bool json)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        if (json) Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(r.Stdout).RootElement.ValueKind);
        var reported = Reported(json ? r.Stderr : r.Stdout);
        Assert.DoesNotContain("wrote ", json ? r.Stdout : r.Stderr);
        var written = Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(Path.GetFullPath).ToArray();
        Assert.NotEmpty(written);
        foreach (string file in written) Assert.True(reported.Contains(file), $"{file} was written but not reported:\n{r.Stdout}\n{r.Stderr}");
        foreach (string file in reported) Assert.True(File.Exists(file), $"{file} was reported but not written");
    }

    /// <summary>The full paths that "wrote" lines name.</summary>
    private static HashSet<string> Reported(string text)
    {
        var paths = new HashSet<string>();
        foreach (string line in text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("wrote ", StringComparison.Ordinal)))
        {
            var listing = Listing().Match(line);
            if (!listing.Success)
            {
                paths.Add(Path.GetFullPath(line["wrote ".Length..]));
                continue;
            }
            var files = listing.Groups[3].Value.Split(", ");
            Assert.Equal(int.Parse(listing.Groups[2].Value), files.Length);
            foreach (string f in files) paths.Add(Path.GetFullPath(Path.Combine(listing.Groups[1].Value, f)));
        }
        return paths;
    }

    [GeneratedRegex(@"^wrote (.+): (\d+) files? \((.*)\)$")]
    private static partial Regex Listing();
}
