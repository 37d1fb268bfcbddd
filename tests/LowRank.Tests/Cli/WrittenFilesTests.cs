using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>
/// Every command that writes files reports each of them ("wrote PATH"), also when the folder did not exist and had to
/// be created — on stdout beside the tables, on stderr with --json. Experiments and the demo are checked where their
/// runs are tested (ExperimentBleckelTests, CompressNetCliTests, SvLearnCliTests, DemoReportTests, DataFetchTests).
/// </summary>
public class WrittenFilesTests
{
    private const string LectureCsv = "4,11,14\n8,7,-2\n";

    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>
    /// The command under test writes into dir/out, which does not exist yet; the steps before it (if any) prepare its
    /// inputs outside that folder.
    /// </summary>
    public static TheoryData<string, bool> Cases() => new()
    {
        { "svd", false }, { "svd", true }, { "approx", false }, { "approx", true }, { "image", false }, { "image", true },
        { "image decode", false }, { "complete", false }, { "complete", true }, { "nn-approx", false }, { "nn-approx", true },
        { "model apply", false }, { "model apply", true }, { "svlearn train", false }, { "svlearn predict", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryWrittenFileIsReported(string command, bool json)
    {
        using var dir = new TempDirectory();
        string lecture = dir.Write("a.csv", LectureCsv), outDir = dir.File("out");
        string Out(string name) => Path.Combine(outDir, name);
        string[] args = command switch
        {
            "svd" => ["svd", lecture, "--out-u", Out("u.npy"), "--out-s", Out("s.csv"), "--out-v", Out("v.mtx")],
            "approx" => ["approx", lecture, "--rank", "1", "-o", Out("a1.csv"), "--out-y", Out("y.csv"), "--out-z", Out("z.csv")],
            "image" => ["image", Sample("camera.png"), "--sweep", "5,10", "-o", Out("camera.png"), "--report", Out("report")],
            "image decode" => ["image", "decode", Prepare(["image", Sample("camera.png"), "--rank", "5", "-o", dir.File("c.lrz")]), "-o", Out("c.png")],
            "complete" => ["complete", dir.Write("m.csv", "1,2,\n2,,6\n3,6,9\n"), "--rank", "1", "-o", Out("c.csv")],
            "nn-approx" => ["nn-approx", lecture, "--rank", "1", "--epochs", "5", "-o", Out("w.csv"), "--save-model", Out("net.lrnn")],
            "model apply" => ["model", "apply", Prepare(["nn-approx", lecture, "--rank", "1", "--epochs", "5", "--save-model", dir.File("net.lrnn")]),
                dir.Write("x.csv", "1,0,0\n0,1,0\n"), "-o", Out("y.csv")],
            "svlearn train" => ["svlearn", "train", "--data", "spambase", "--limit", "120", "--epochs", "1", "--hidden", "8",
                "--cache", dir.File("cache"), "-o", Out("sv.lrnn")],
            "svlearn predict" => ["svlearn", "predict", Prepare(["svlearn", "train", "--data", "spambase", "--limit", "120", "--epochs", "1",
                "--hidden", "8", "--cache", dir.File("cache"), "-o", dir.File("sv.lrnn")]), dir.Write("w.csv", Windows()), "-o", Out("sigma.csv")],
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        Assert.False(Directory.Exists(outDir));
        var r = CliRunner.Run(json ? [.. args, "--json"] : args);
        WrittenFiles.AssertEveryFileReported(r, outDir, json);
    }

    /// <summary>
    /// Runs a preparatory command and returns the file it wrote (its last argument): the input of the command under test.
    /// </summary>
    private static string Prepare(string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return args[^1];
    }

    /// <summary>A 64×32 matrix: two 32×32 windows for svlearn predict.</summary>
    private static string Windows() =>
        string.Join("\n", Enumerable.Range(0, 64).Select(i => string.Join(",", Enumerable.Range(0, 32).Select(k => ((i * 7 + k * 3) % 11).ToString()))));
}
