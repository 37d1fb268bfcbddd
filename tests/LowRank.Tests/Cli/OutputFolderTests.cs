using LowRank.Cli.Output;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>Issue 19: a failed or interrupted run takes back what it added to a report folder, and only that.</summary>
public sealed class OutputFolderTests
{
    [Fact]
    public void A_folder_the_run_created_is_removed_with_everything_in_it()
    {
        using var dir = new TempDirectory();
        string report = dir.File("report");
        var folder = OutputFolder.Create(report);
        File.WriteAllText(Path.Combine(report, "index.html"), "<html>");
        Directory.CreateDirectory(Path.Combine(report, "figures"));
        File.WriteAllText(Path.Combine(report, "figures", "a.png"), "png");

        Assert.Empty(folder.RollBack());
        Assert.Empty(dir.FileNames());
        Assert.False(Directory.Exists(report));
    }

    [Fact]
    public void In_an_existing_folder_only_the_additions_go_and_replaced_files_are_named()
    {
        using var dir = new TempDirectory();
        string keep = dir.Write("notes.txt", "mine");
        string replaced = dir.Write("results.json", "{}");
        File.SetLastWriteTimeUtc(keep, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(replaced, DateTime.UtcNow.AddHours(-1));
        var folder = OutputFolder.Create(dir.Path);
        File.WriteAllText(replaced, "{\"new\": true}");
        File.WriteAllText(dir.File("index.html"), "<html>");
        Directory.CreateDirectory(dir.File("figures"));
        File.WriteAllText(Path.Combine(dir.Path, "figures", "a.png"), "png");

        Assert.Equal([replaced], folder.RollBack());
        Assert.Equal(["notes.txt", "results.json"], dir.FileNames());
        Assert.False(Directory.Exists(dir.File("figures")));
    }
}
