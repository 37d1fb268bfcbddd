using System.Diagnostics;
using System.Text.Json;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.Cli;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>
/// <c>lowrank mpi -n P -- svd ...</c> end to end with Open MPI on this machine (oversubscribed): P = 1…4 processes give
/// the single-process randomized SVD to rounding — singular values to 10⁻¹⁰ relative, U and V entry by entry to 10⁻⁸
/// (the processes sum their Allreduces in another order and orthonormalise by CholeskyQR2 over the group, so the
/// results are not bitwise equal); bad input on one rank stops all with one line and exit 2; a killed rank ends the
/// job within 10 s naming it, with no output file.
/// </summary>
public class MpiRunTests
{
    private const double ValueTolerance = 1e-10, VectorTolerance = 1e-8;

    private static CliRunner.Result Mpi(params string[] args) => CliRunner.RunProcess(new Dictionary<string, string>(), ["mpi", .. args]);

    [FactWithMpirun]
    public void DenseNpyOnOneToFourProcessesGivesTheSingleProcessResult()
    {
        using var dir = new TempDirectory();
        var a = DistributedFixtures.Geometric(301, 80, 60, seed: 5);
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        var reference = RandomizedSvd.Compute(a, 5, new RandomizedSvdOptions(Seed: 3), Backends.Current);
        for (int p = 1; p <= 4; p++)
        {
            string u = dir.File($"u{p}.npy"), v = dir.File($"v{p}.csv");
            var run = Mpi("-n", $"{p}", "--", "svd", input, "--rank", "5", "--seed", "3", "--out-u", u, "--out-v", v, "--json");
            var json = CliRunner.Json(run);
            Assert.Equal(p, json.GetProperty("processes").GetInt32());
            double[] s = json.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            for (int i = 0; i < 5; i++) Assert.True(Math.Abs(s[i] - reference.S[i]) <= ValueTolerance * reference.S[0], $"P = {p}: σ{i + 1} = {s[i]}, one process {reference.S[i]}");
            Assert.True(Core.TestMatrices.MaxAbsDiff(reference.U!, NpyFile.Read(u)) < VectorTolerance, $"P = {p}: U differs");
            Assert.True(Core.TestMatrices.MaxAbsDiff(reference.VT!.Transpose(), MatrixFile.Read(v).Values) < VectorTolerance, $"P = {p}: V differs");
        }
    }

    [FactWithMpirun]
    public void MixedPrecisionOnTwoProcessesGivesTheSingleProcessValuesAndIsRefusedWithLanczos()
    {
        using var dir = new TempDirectory();
        var a = DistributedFixtures.Geometric(2_000, 80, 60, seed: 5);
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        var reference = RandomizedSvd.Compute(a, 5, new RandomizedSvdOptions(Seed: 3), Backends.Current);
        var json = CliRunner.Json(Mpi("-n", "2", "--", "svd", input, "--rank", "5", "--seed", "3", "--precision", "mixed", "--json"));
        Assert.Equal("mixed", json.GetProperty("precision").GetString());
        double[] s = json.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        for (int i = 0; i < 5; i++) Assert.True(Math.Abs(s[i] - reference.S[i]) <= ValueTolerance * reference.S[0], $"σ{i + 1} = {s[i]}, one process in float64 {reference.S[i]}");
        var refused = Mpi("-n", "2", "--", "svd", input, "--rank", "5", "--method", "lanczos", "--precision", "mixed");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error: --precision mixed is for the randomized SVD, and this run is the lanczos one", refused.Stderr);
    }

    [FactWithMpirun]
    public void SparseNpzStoredAndDeflatedOnTwoAndThreeProcessesGivesTheSingleProcessValues()
    {
        using var dir = new TempDirectory();
        var a = Sparse.SparseTestMatrices.Random(400, 120, 0.05, seed: 2);
        var reference = RandomizedSvd.Compute(a, 4, new RandomizedSvdOptions(), Backends.Current);
        foreach (var (p, compressed) in new[] { (2, true), (3, false) })
        {
            string input = dir.File($"a{p}.npz");
            SparseNpzFile.Write(input, a, compressed);
            var json = CliRunner.Json(Mpi("-n", $"{p}", "--", "svd", input, "--rank", "4", "--json"));
            double[] s = json.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            for (int i = 0; i < 4; i++) Assert.True(Math.Abs(s[i] - reference.S[i]) <= ValueTolerance * reference.S[0], $"P = {p}: σ{i + 1} = {s[i]}, one process {reference.S[i]}");
        }
    }

    [FactWithMpirun]
    public void LongLinesAreNotWrappedAtTheWidthOfMpirunsPseudoTerminal()
    {
        using var dir = new TempDirectory();
        string input = DistributedFixtures.WriteCOrder(dir.File("a-matrix-with-a-name-long-enough-to-pass-eighty-columns.npy"), DistributedFixtures.Geometric(60, 30, 20, seed: 1));
        var run = Mpi("-n", "1", "--", "svd", input, "--rank", "2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        string header = run.Stdout.Split('\n')[0];
        Assert.True(header.Length > 80 && header.Contains("backend in"), $"the header line was wrapped: '{header}'");
    }

    [FactWithMpirun]
    public void BadInputOnOneRankStopsEveryRankWithOneLineAndExitTwo()
    {
        using var dir = new TempDirectory();
        var a = DistributedFixtures.Geometric(90, 30, 20, seed: 1);
        a[88, 4] = double.NaN; // only the last of 3 ranks (rows 60..89) reads it
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        var run = Mpi("-n", "3", "--", "svd", input, "--rank", "3", "--out-u", dir.File("u.npy"), "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"error: {input}: row 88, column 4 is NaN; a distributed SVD needs finite values (missing entries are for 'complete')", run.Stderr.Trim());
        Assert.Equal(["a.npy"], dir.FileNames());
    }

    [FactWithMpirun]
    public void AKilledRankEndsTheJobWithinTenSecondsNamingItAndLeavesNoOutput()
    {
        using var dir = new TempDirectory();
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), Gaussian.Matrix(3000, 300, new Random(4)));
        string marker = Guid.NewGuid().ToString("N");
        using var job = CliRunner.Start(new Dictionary<string, string> { ["LOWRANK_TEST_JOB"] = marker },
            "mpi", "-n", "2", "--", "svd", input, "--rank", "10", "--power-iterations", "100000", "--out-u", dir.File("u.npy"));
        int victim = WaitForRank(marker, rank: 1, TimeSpan.FromSeconds(60));
        Thread.Sleep(1500); // into the computation
        Process.GetProcessById(victim).Kill();
        var clock = Stopwatch.StartNew();
        Assert.True(job.WaitForExit(TimeSpan.FromSeconds(10)), "the job was still running 10 s after a rank was killed");
        double seconds = clock.Elapsed.TotalSeconds;
        var result = CliRunner.Finish(job);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error: rank 1 (on ", result.Stderr);
        Assert.Contains("ended on signal 9 (Killed)", result.Stderr);
        Assert.DoesNotContain("u.npy", dir.FileNames().Where(f => !f.StartsWith('.'))); // a hidden temporary may remain; the output does not
        Assert.True(seconds < 10, $"{seconds:F1} s");
    }

    [Fact]
    public void WithoutMpirunTheLauncherSaysHowToInstallItAndExitsTwo()
    {
        // A PATH with dotnet's own folder only (resolved past /usr/bin/dotnet, which sits beside mpirun).
        string dotnet = new FileInfo("/usr/bin/dotnet").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Environment.ProcessPath!;
        var run = CliRunner.RunProcess(new Dictionary<string, string> { ["PATH"] = Path.GetDirectoryName(dotnet)! }, "mpi", "-n", "2", "--", "svd", "a.npy", "--rank", "2");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: mpirun not found: Open MPI is not installed (apt-get install openmpi-bin libopenmpi-dev)", run.Stderr.Trim());
    }

    /// <summary>The process id of rank <paramref name="rank"/> of the job whose environment holds <paramref name="marker"/> (from /proc).</summary>
    private static int WaitForRank(string marker, int rank, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < patience)
        {
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
                string[] environment;
                try
                {
                    environment = File.ReadAllText(Path.Combine(dir, "environ")).Split('\0');
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue;
                }
                if (environment.Contains($"LOWRANK_TEST_JOB={marker}") && environment.Contains($"OMPI_COMM_WORLD_RANK={rank}")) return pid;
            }
            Thread.Sleep(200);
        }
        throw new TimeoutException($"rank {rank} of the job did not start within {patience.TotalSeconds} s");
    }
}
