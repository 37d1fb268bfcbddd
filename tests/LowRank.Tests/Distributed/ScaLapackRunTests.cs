using LowRank.Decompositions;
using LowRank.Distributed;
using LowRank.Distributed.ScaLapack;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.Cli;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>
/// <c>lowrank mpi -n P -- svd ... --method exact</c> end to end, with both bidiagonal drivers (<c>--driver dc</c>: pdgebrd,
/// dbdsdc, pdormbr; <c>--driver qr</c>: pdgesvd): at P = 1…4, on shapes where P does not divide m, where m &lt; n and where
/// a process holds no rows, the singular values agree with the single-process exact SVD (LAPACK dgesdd) to 10⁻¹²
/// relative to σ₁, U and V entry by entry to 10⁻¹⁰ (the matrices have singular values 0.8ʲ, so the vectors are
/// determined; the drivers round differently from dgesdd), and U·diag(σ)·Vᵀ gives A back. A block size of 2 spreads even
/// these small matrices over the whole grid.
/// </summary>
public class ScaLapackRunTests
{
    private const double ValueTolerance = 1e-12, VectorTolerance = 1e-10;

    private static CliRunner.Result Mpi(IDictionary<string, string> environment, params string[] args) => CliRunner.RunProcess(environment, ["mpi", .. args]);

    [TheoryWithScaLapack]
    [InlineData("dc")]
    [InlineData("qr")]
    public void ExactOnOneToFourProcessesGivesTheSingleProcessSvd(string driver)
    {
        using var dir = new TempDirectory();
        // (P, m, n, rank): P never divides m; 7×12 and 3×5 are wide; at P = 4 the 3 rows leave the last process none.
        foreach (var (p, m, n, k) in new (int, int, int, int?)[] { (1, 23, 9, null), (2, 23, 9, null), (2, 7, 12, null), (3, 23, 9, null), (4, 23, 9, 4), (4, 3, 5, null) })
        {
            var a = DistributedFixtures.Geometric(m, n, Math.Min(m, n), seed: m + n);
            string input = DistributedFixtures.WriteCOrder(dir.File($"a{m}x{n}.npy"), a);
            var reference = ExactSvd.Compute(a, backend: Backends.Current);
            if (k is int rank) reference = reference.Truncate(rank);
            string u = dir.File($"u{p}-{m}.npy"), v = dir.File($"v{p}-{m}.csv");
            string[] rankFlag = k is null ? [] : ["--rank", $"{k}"];
            string[] args = ["-n", $"{p}", "--", "svd", input, "--method", "exact", "--driver", driver, "--block-size", "2", .. rankFlag, "--out-u", u, "--out-v", v, "--json"];
            var json = CliRunner.Json(Mpi(new Dictionary<string, string>(), args));
            string where = $"{driver}, P = {p}, {m}×{n}";
            Assert.Equal("exact", json.GetProperty("method").GetString());
            Assert.Equal(driver, json.GetProperty("driver").GetString());
            Assert.Equal(p == 4 ? "2x2" : $"1x{p}", json.GetProperty("grid").GetString());
            double[] s = json.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.Equal(reference.S.Length, s.Length);
            for (int i = 0; i < s.Length; i++) Assert.True(Math.Abs(s[i] - reference.S[i]) <= ValueTolerance * reference.S[0], $"{where}: σ{i + 1} = {s[i]}, one process {reference.S[i]}");
            var uRead = NpyFile.Read(u);
            var vRead = MatrixFile.Read(v).Values;
            Assert.True(Core.TestMatrices.MaxAbsDiff(reference.U!, uRead) < VectorTolerance, $"{where}: U differs");
            Assert.True(Core.TestMatrices.MaxAbsDiff(reference.VT!.Transpose(), vRead) < VectorTolerance, $"{where}: V differs");
            if (k is null)
            {
                for (int j = 0; j < s.Length; j++)
                    foreach (ref double x in uRead.Column(j)) x *= s[j];
                var back = Backends.Current.Multiply(uRead, vRead, transB: true);
                Assert.True(Core.TestMatrices.MaxAbsDiff(a, back) < ValueTolerance * 10 * reference.S[0], $"{where}: U·diag(σ)·Vᵀ is not A");
            }
        }
    }

    [TheoryWithScaLapack]
    [InlineData("dc")]
    [InlineData("qr")]
    public void ValuesOnlyAgreeWithTheSingleProcessValues(string driver)
    {
        using var dir = new TempDirectory();
        foreach (var (p, m, n) in new[] { (2, 23, 9), (3, 7, 12), (4, 40, 40) })
        {
            var a = DistributedFixtures.Geometric(m, n, Math.Min(m, n), seed: 3 * m + n);
            string input = DistributedFixtures.WriteCOrder(dir.File($"a{m}x{n}.npy"), a);
            var reference = ExactSvd.Compute(a, computeVectors: false, backend: Backends.Current);
            var json = CliRunner.Json(Mpi(new Dictionary<string, string>(), "-n", $"{p}", "--", "svd", input, "--method", "exact", "--driver", driver, "--block-size", "3", "--json"));
            double[] s = json.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.Equal(reference.S.Length, s.Length);
            for (int i = 0; i < s.Length; i++)
                Assert.True(Math.Abs(s[i] - reference.S[i]) <= ValueTolerance * reference.S[0], $"{driver}, P = {p}, {m}×{n}: σ{i + 1} = {s[i]}, one process {reference.S[i]}");
        }
    }

    [FactWithScaLapack]
    public void AnUnknownDriverIsRefusedWithOneLineAndExitTwo()
    {
        using var dir = new TempDirectory();
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), DistributedFixtures.Geometric(8, 4, 4, seed: 2));
        var run = Mpi(new Dictionary<string, string>(), "-n", "2", "--", "svd", input, "--method", "exact", "--driver", "jacobi");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --driver jacobi: use dc (divide and conquer) or qr (pdgesvd's QR iteration)", run.Stderr.Trim());
        run = Mpi(new Dictionary<string, string>(), "-n", "2", "--", "svd", input, "--rank", "2", "--driver", "dc");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --driver is for the distributed exact SVD (--method exact)", run.Stderr.Trim());
    }

    [FactWithScaLapack]
    public void BadInputOnOneRankStopsEveryRankWithOneLineAndExitTwo()
    {
        using var dir = new TempDirectory();
        var a = DistributedFixtures.Geometric(10, 6, 6, seed: 1);
        a[9, 2] = double.NaN; // rows of ⌈10/3⌉ = 4: only the last of 3 ranks (rows 8..9) reads it
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        var run = Mpi(new Dictionary<string, string>(), "-n", "3", "--", "svd", input, "--method", "exact", "--out-u", dir.File("u.npy"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"error: {input}: row 9, column 2 is NaN; a distributed SVD needs finite values (missing entries are for 'complete')", run.Stderr.Trim());
        Assert.Equal(["a.npy"], dir.FileNames());

        run = Mpi(new Dictionary<string, string>(), "-n", "2", "--", "svd", input, "--method", "exact", "--rank", "7");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: rank k = 7 must be between 1 and min(m, n) = 6", run.Stderr.Trim());
    }

    [FactWithMpirun]
    public void WithoutScaLapackTheExactMethodSaysHowToInstallItAndExitsTwo()
    {
        using var dir = new TempDirectory();
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), DistributedFixtures.Geometric(8, 4, 4, seed: 2));
        var run = Mpi(new Dictionary<string, string> { [ScaLapackLibrary.PathVariable] = "/nonexistent/libscalapack-openmpi.so.2.2" },
            "-n", "2", "--", "svd", input, "--method", "exact");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("error: ScaLAPACK is not installed (/nonexistent/libscalapack-openmpi.so.2.2 not found): apt-get install libscalapack-openmpi-dev", run.Stderr.Trim());
    }

    [Fact]
    public void BlockSizeAndDriverOutsideTheDistributedExactSvdAreRefused()
    {
        using var dir = new TempDirectory();
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), DistributedFixtures.Geometric(8, 4, 4, seed: 2));
        var run = CliRunner.Run("svd", input, "--block-size", "8");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --block-size is for the distributed exact SVD (lowrank mpi -n P -- svd ... --method exact)", run.Stderr.Trim());
        run = CliRunner.Run("svd", input, "--driver", "dc");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --driver is for the distributed exact SVD (lowrank mpi -n P -- svd ... --method exact)", run.Stderr.Trim());
    }

    [Theory]
    [InlineData(23, 4)]
    [InlineData(3, 4)]
    [InlineData(8, 4)]
    [InlineData(0, 2)]
    public void RowBlocksOfCeilMOverPRowsCoverTheRowsInOrder(int m, int processes)
    {
        int h = ScaLapackSvd.RowBlockHeight(m, processes), next = 0;
        for (int r = 0; r < processes; r++)
        {
            var block = ScaLapackSvd.RowBlockFor(m, r, processes);
            Assert.Equal(next, block.Start);
            Assert.True(block.Count == Math.Min(h, m - block.Start), $"process {r}: {block}"); // full blocks, then the rest, then none
            next = block.End;
        }
        Assert.Equal(m, next);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 2)]
    [InlineData(3, 1, 3)]
    [InlineData(4, 2, 2)]
    [InlineData(6, 2, 3)]
    [InlineData(12, 3, 4)]
    public void TheGridIsTheMostNearlySquareFactorisationOfP(int processes, int rows, int cols) =>
        Assert.Equal((rows, cols), ScaLapackSvd.Grid(processes));
}
