using LowRank.Tests.IO;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>
/// Issue 12: bad input → exit 2; an I/O failure → exit 1 with one line naming the path; a skipped cache write is said
/// in one line. Issue 19: a report folder is not left half-written.
/// </summary>
public sealed class CliIoFailureTests
{
    [FactOnLinux]
    public void An_output_that_cannot_be_written_is_exit_1_naming_the_path()
    {
        using var dir = new TempDirectory();
        string input = dir.Write("a.csv", "1,2\n3,4\n");
        string output = Path.Combine(UnwritableFolder.In(dir), "out.csv");
        var r = CliRunner.Run("approx", input, "--rank", "1", "-o", output, "--json");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"error: {output}: cannot write: permission denied", r.Stderr.TrimEnd('\n'));
    }

    [Fact]
    public void Bad_input_is_still_exit_2()
    {
        using var dir = new TempDirectory();
        var r = CliRunner.Run("approx", dir.Write("bad.csv", "1,2\n3,x\n"), "--rank", "1", "-o", dir.File("out.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains("bad.csv", r.Stderr);
        Assert.Equal(["bad.csv"], dir.FileNames());
    }

    [FactOnLinux]
    public void A_label_cache_that_cannot_be_written_is_said_in_one_line_and_the_run_goes_on()
    {
        using var dir = new TempDirectory();
        string cache = Path.Combine(UnwritableFolder.In(dir), "lowrank-cache");
        var r = CliRunner.Run("svlearn", "train", "--data", "spambase", "--limit", "40", "--epochs", "1", "--hidden", "4,4",
            "--cache", cache, "-o", dir.File("m.lrnn"), "--json");
        Assert.False(CliRunner.Json(r).GetProperty("labels_cached").GetBoolean());
        var notes = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("not cached")).ToArray();
        Assert.Single(notes);
        Assert.StartsWith($"note: the SV-Learn labels were not cached ({cache}", notes[0]);
        Assert.True(File.Exists(dir.File("m.lrnn")));
    }

    [Fact]
    public void A_failed_run_takes_back_the_report_folder_it_created()
    {
        using var dir = new TempDirectory();
        string input = dir.Write("a.csv", "1,2\n3,4\n");
        var r = CliRunner.Run("image", input, "--rank", "1", "--report", dir.File("report")); // the folder is made before the input is read
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not an image", r.Stderr);
        Assert.False(Directory.Exists(dir.File("report")));
    }
}
