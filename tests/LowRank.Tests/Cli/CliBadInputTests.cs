using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>Every bad input ends with exit code 2, one line "error: ..." naming the problem, no stack trace, no output file.</summary>
public class CliBadInputTests
{
    private static void AssertBadInput(CliRunner.Result r, params string[] fragments)
    {
        Assert.Equal(2, r.ExitCode);
        string line = r.Stderr.TrimEnd('\n');
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", line);
        foreach (string f in fragments) Assert.Contains(f, line);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void MissingFile()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("svd", dir.File("nope.csv")), "nope.csv");
    }

    [Fact]
    public void EmptyFile()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("svd", dir.Write("empty.csv", "")), "empty.csv", "empty");
    }

    [Fact]
    public void RaggedRowsNameTheLine()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("svd", dir.Write("r.csv", "1,2,3\n4,5,6\n7,8\n")), "r.csv", "line 3");
    }

    [Fact]
    public void NonNumericCellNamesLineAndColumn()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("svd", dir.Write("n.csv", "1,2\n3,abc\n")), "n.csv", "line 2", "column 2", "abc");
    }

    [Fact]
    public void InfinityIsRefused()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("svd", dir.Write("i.csv", "1,2\n3,Inf\n")), "i.csv", "line 2");
    }

    [Fact]
    public void MissingValuesPointToComplete()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("approx", dir.Write("m.csv", "1,2\n3,NA\n"), "--rank", "1"), "m.csv", "lowrank complete", "line 2");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("-1")]
    [InlineData("two")]
    public void RankOutOfRangeLeavesNoOutput(string k)
    {
        using var dir = new TempDirectory();
        string output = dir.File("out.csv");
        AssertBadInput(CliRunner.Run("approx", dir.Write("a.csv", "4,11,14\n8,7,-2\n"), "--rank", k, "-o", output));
        Assert.False(File.Exists(output));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void UnknownExtension()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("svd", dir.Write("a.xyz", "1")), "a.xyz");
    }

    [Fact]
    public void UnknownOutputExtensionLeavesNoOutput()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("approx", dir.Write("a.csv", "4,11,14\n8,7,-2\n"), "--rank", "1", "-o", dir.File("out.xyz")), "out.xyz");
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void TruncatedNpy()
    {
        using var dir = new TempDirectory();
        string path = dir.File("t.npy");
        LowRank.IO.NpyFile.Write(path, LowRank.Linalg.Gaussian.Matrix(20, 10, new Random(1)));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        AssertBadInput(CliRunner.Run("svd", path), "t.npy", "truncated");
    }

    [Fact]
    public void TruncatedMatrixMarketImageAndIdxFiles()
    {
        using var dir = new TempDirectory();
        string mtx = dir.Write("t.mtx", "%%MatrixMarket matrix coordinate real general\n3 3 4\n1 1 1.0\n2 2 2.0\n");
        AssertBadInput(CliRunner.Run("svd", mtx), "t.mtx");

        string png = dir.File("t.png");
        var grey = LowRank.Linalg.Gaussian.Matrix(64, 64, new Random(3));
        for (int i = 0; i < grey.Data.Length; i++) grey.Data[i] = 128 + 40 * grey.Data[i];
        LowRank.IO.MatrixFile.Write(png, grey);
        var bytes = File.ReadAllBytes(png);
        File.WriteAllBytes(png, bytes[..(bytes.Length / 2)]);
        AssertBadInput(CliRunner.Run("svd", png), "t.png");

        string idx = dir.File("t.idx");
        LowRank.IO.IdxFile.Write(idx, [10, 8], new byte[80]);
        var idxBytes = File.ReadAllBytes(idx);
        File.WriteAllBytes(idx, idxBytes[..(idxBytes.Length - 7)]);
        AssertBadInput(CliRunner.Run("svd", idx), "t.idx");
    }

    [Fact]
    public void DimensionsBeyondMemoryAreRefusedBeforeAllocating()
    {
        using var dir = new TempDirectory();
        string path = dir.File("huge.npy");
        string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2000000, 2000000), }";
        header = header.PadRight(118 - 1) + "\n";
        using (var f = File.Create(path))
        {
            f.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
            f.Write(BitConverter.GetBytes((ushort)header.Length));
            f.Write(System.Text.Encoding.ASCII.GetBytes(header));
        }
        AssertBadInput(CliRunner.Run("svd", path), "huge.npy", "GiB");
    }

    [Fact]
    public void TheInputIsNeverOverwritten()
    {
        using var dir = new TempDirectory();
        string input = dir.Write("a.csv", "4,11,14\n8,7,-2\n");
        AssertBadInput(CliRunner.Run("approx", input, "--rank", "1", "-o", input), "overwrite");
        Assert.Equal("4,11,14\n8,7,-2\n", File.ReadAllText(input));
    }

    /// <summary>The library's messages speak its own terms; the CLI puts the option that sets the value in front.</summary>
    [Fact]
    public void LibraryErrorsNameTheOptionThatSetsTheValue()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("approx", dir.Write("a.csv", "4,11,14\n8,7,-2\n"), "--energy", "1.5"), "error: --energy: the energy fraction must be in (0, 1]");
        AssertBadInput(CliRunner.Run("svlearn", "train", "--data", "spambase", "--epochs", "0", "-o", dir.File("m.lrnn")), "error: --epochs: the epoch limit must be at least 1");
        Assert.Equal(["a.csv"], dir.FileNames());
    }

    [Fact]
    public void ConflictingRankRules()
    {
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("approx", dir.Write("a.csv", "4,11,14\n8,7,-2\n"), "--rank", "1", "--energy", "0.9"), "exactly one");
        AssertBadInput(CliRunner.Run("approx", dir.Write("b.csv", "4,11,14\n8,7,-2\n")), "exactly one");
    }

    [Fact]
    public void UnknownOptionOrValueIsBadUsageOnOneLine()
    {
        AssertBadInput(CliRunner.Run("svd", "--frobnicate"));
        using var dir = new TempDirectory();
        AssertBadInput(CliRunner.Run("svd", dir.Write("a.csv", "1,2\n3,4\n"), "--method", "fast"), "'fast'", "'randomized'");
    }

    [Fact]
    public void RequestingNativeWithoutTheLibraryIsBadInputAndAutoFallsBackWithANotice()
    {
        using var dir = new TempDirectory();
        string input = dir.Write("a.csv", "4,11,14\n8,7,-2\n");
        var env = new Dictionary<string, string> { ["LOWRANK_OPENBLAS"] = "/nonexistent/libopenblas.so.0", ["LOWRANK_BACKEND"] = "native" };
        AssertBadInput(CliRunner.RunProcess(env, "info"), "libopenblas0-pthread");

        env["LOWRANK_BACKEND"] = "auto";
        var r = CliRunner.RunProcess(env, "svd", input, "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"backend\": \"managed\"", r.Stdout);
        Assert.Contains("libopenblas0-pthread", r.Stderr);

        // A run that fails after choosing the backend prints its one error line, not the install hint before it.
        var bad = CliRunner.RunProcess(env, "approx", input, "--rank", "7");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("error: ", bad.Stderr);
        Assert.Single(bad.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void ManagedBackendGivesTheSameAnswerThroughTheCli()
    {
        using var dir = new TempDirectory();
        string input = dir.Write("a.csv", "4,11,14\n8,7,-2\n");
        var r = CliRunner.RunProcess(new Dictionary<string, string> { ["LOWRANK_BACKEND"] = "managed" }, "svd", input, "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"backend\": \"managed\"", r.Stdout);
        Assert.Contains("18.97366596", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("experiment", "bleckel", "--quick")]
    [InlineData("experiment", "completion")]
    public void AReportDirectoryThatIsAFileIsBadUsage(params string[] command)
    {
        using var dir = new TempDirectory();
        string file = dir.Write("taken.txt", "keep me\n");
        AssertBadInput(CliRunner.Run([.. command, "--out", file]), "taken.txt", "must be a directory");
        Assert.Equal("keep me\n", File.ReadAllText(file));
    }

    [Fact]
    public void ModelApplyNeverOverwritesTheModelFile()
    {
        using var dir = new TempDirectory();
        string model = dir.File("net.csv"); // an unlikely name, but a writable format: only the path check can stop it
        Assert.Equal(0, CliRunner.Run("nn-approx", dir.Write("a.csv", "4,11,14\n8,7,-2\n"), "--rank", "1", "--epochs", "2", "--save-model", model).ExitCode);
        byte[] saved = File.ReadAllBytes(model);
        AssertBadInput(CliRunner.Run("model", "apply", model, dir.Write("x.csv", "1,0,0\n"), "-o", model), "net.csv", "refusing to overwrite");
        Assert.Equal(saved, File.ReadAllBytes(model));
    }
}
