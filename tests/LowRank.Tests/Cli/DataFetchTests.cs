using LowRank.Tests.Completion;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary><c>lowrank data fetch</c> against a local server: the checksum decides whether anything is written.</summary>
public class DataFetchTests
{
    private static IEnumerable<(string, byte[])> Archive(byte[] ratings) =>
    [
        ("ml-100k/u.data", ratings),
        ("ml-100k/u.item", "1|Toy Story (1995)|01-Jan-1995||http://x|0\n"u8.ToArray()),
        ("ml-100k/README", "MovieLens 100k README\n"u8.ToArray()),
    ];

    [Fact]
    public void AWrongChecksumWritesNothing()
    {
        using var server = new ZipServer(Archive("1\t1\t5\t0\n"u8.ToArray()));
        using var dir = new TempDirectory();
        string target = dir.File("ml");
        var r = CliRunner.Run("data", "fetch", "movielens-100k", "--out", target, "--url", server.Url);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("expected 06416e59", r.Stderr);
        Assert.False(Directory.Exists(target));
    }

    [FactIfMovieLens]
    public void TheRealFileIsVerifiedAndWrittenWithTheLicence()
    {
        using var server = new ZipServer(Archive(File.ReadAllBytes(FactIfMovieLensAttribute.MovieLensPath!)));
        using var dir = new TempDirectory();
        string target = dir.File("ml");
        var r = CliRunner.Run("data", "fetch", "movielens-100k", "--out", target, "--url", server.Url);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("SHA-256 verified", r.Stdout);
        Assert.Contains("forbids redistribution", r.Stdout);
        Assert.Equal(["README", "u.data", "u.item"], Directory.GetFiles(target).Select(Path.GetFileName).Order());
        WrittenFiles.AssertEveryFileReported(r, target, json: false);
    }

    [Fact]
    public void FetchOfflineFailsCleanlyAndWritesNothing()
    {
        using var dir = new TempDirectory();
        string target = dir.File("ml");
        var r = CliRunner.Run("data", "fetch", "movielens-100k", "--out", target, "--url", "http://127.0.0.1:9/ml-100k.zip");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("error: cannot download", r.Stderr);
        Assert.DoesNotContain('\n', r.Stderr.TrimEnd());
        Assert.False(Directory.Exists(target));
    }
}
