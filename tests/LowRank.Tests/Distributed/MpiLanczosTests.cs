using System.Text.Json;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.Cli;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>
/// <c>lowrank mpi -n P -- svd ... --method lanczos</c> end to end: P = 1…4 processes give the single-process Lanczos
/// bidiagonalisation (<see cref="LanczosSvd"/>, same seed and tolerance) to rounding — singular values to 10⁻¹⁰
/// relative to σ₁, U and V entry by entry to 10⁻⁸ — on a wide dense .npy (the left side, split over the processes, is
/// fully reorthogonalised: distributed inner products) and a tall sparse .npz (the right side is; the left side keeps the
/// local step), with the explicit residuals reported; bad input on one rank stops every rank with one line and exit 2.
/// </summary>
public class MpiLanczosTests
{
    private const double ValueTolerance = 1e-10, VectorTolerance = 1e-8;

    private static CliRunner.Result Mpi(params string[] args) => CliRunner.RunProcess(new Dictionary<string, string>(), ["mpi", .. args]);

    [FactWithMpirun]
    public void WideDenseNpyOnOneToFourProcessesGivesTheSingleProcessLanczos()
    {
        using var dir = new TempDirectory();
        var a = DistributedFixtures.Geometric(150, 400, 60, seed: 7);
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        var reference = LanczosSvd.Compute(a, 5, new LanczosOptions(Seed: 3), Backends.Current);
        for (int p = 1; p <= 4; p++)
        {
            string u = dir.File($"u{p}.npy"), v = dir.File($"v{p}.csv");
            var json = CliRunner.Json(Mpi("-n", $"{p}", "--", "svd", input, "--method", "lanczos", "--rank", "5", "--seed", "3",
                "--out-u", u, "--out-v", v, "--json"));
            Assert.Equal("lanczos", json.GetProperty("method").GetString());
            Assert.Equal(p, json.GetProperty("processes").GetInt32());
            AssertSameValues(reference, json, p);
            Assert.True(Core.TestMatrices.MaxAbsDiff(reference.U!, NpyFile.Read(u)) < VectorTolerance, $"P = {p}: U differs");
            Assert.True(Core.TestMatrices.MaxAbsDiff(reference.VT!.Transpose(), MatrixFile.Read(v).Values) < VectorTolerance, $"P = {p}: V differs");
        }
    }

    [FactWithMpirun]
    public void TallSparseNpzOnOneToFourProcessesGivesTheSingleProcessLanczos()
    {
        using var dir = new TempDirectory();
        var a = Sparse.SparseTestMatrices.Random(400, 120, 0.05, seed: 2);
        var reference = LanczosSvd.Compute(a, 4, new LanczosOptions(), Backends.Current);
        for (int p = 1; p <= 4; p++)
        {
            string input = dir.File($"a{p}.npz"), v = dir.File($"v{p}.npy");
            SparseNpzFile.Write(input, a, compressed: p % 2 == 0);
            var json = CliRunner.Json(Mpi("-n", $"{p}", "--", "svd", input, "--method", "lanczos", "--rank", "4", "--out-v", v, "--json"));
            AssertSameValues(reference, json, p);
            Assert.True(Core.TestMatrices.MaxAbsDiff(reference.VT!.Transpose(), NpyFile.Read(v)) < VectorTolerance, $"P = {p}: V differs");
        }
    }

    [FactWithMpirun]
    public void BadInputOnOneRankStopsEveryRankWithOneLineAndExitTwo()
    {
        using var dir = new TempDirectory();
        var a = DistributedFixtures.Geometric(90, 30, 20, seed: 1);
        a[2, 7] = double.PositiveInfinity; // only the first of 3 ranks (rows 0..29) reads it
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        var run = Mpi("-n", "3", "--", "svd", input, "--method", "lanczos", "--rank", "3", "--out-u", dir.File("u.npy"), "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        Assert.StartsWith($"error: {input}: row 2, column 7 is ", run.Stderr.Trim());
        Assert.Equal(["a.npy"], dir.FileNames());
    }

    [FactWithMpirun]
    public void AnErrorOfTheSketchNamesTheOptionThatSetsIt()
    {
        using var dir = new TempDirectory();
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), DistributedFixtures.Geometric(90, 30, 20, seed: 1));
        var run = Mpi("-n", "2", "--", "svd", input, "--rank", "5", "--oversampling", "40");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --oversampling: k + oversampling = 45 reaches min(m, n) = 30: the sketch would be the whole matrix; "
            + "lower the oversampling, or run the exact SVD on one process", run.Stderr.Trim());
    }

    /// <summary>The reported singular values equal the single-process ones, and the reported residuals are the small explicit ones.</summary>
    private static void AssertSameValues(SingularValueDecomposition reference, JsonElement json, int p)
    {
        double[] s = json.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(reference.Count, s.Length);
        for (int i = 0; i < s.Length; i++)
            Assert.True(Math.Abs(s[i] - reference.S[i]) <= ValueTolerance * reference.S[0], $"P = {p}: σ{i + 1} = {s[i]}, one process {reference.S[i]}");
        double[] residuals = json.GetProperty("residuals").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(s.Length, residuals.Length);
        Assert.All(residuals, r => Assert.InRange(r, 0, 1e-7 * s[0]));
        Assert.True(json.GetProperty("converged").GetBoolean(), $"P = {p}: not converged");
    }
}
