using System.Text.Json;
using LowRank.Decompositions;
using LowRank.Distributed;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.Cli;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>
/// <c>lowrank mpi -n P -- pca ...</c>: the column means of the whole matrix from an Allreduce, the centred matrix's SVD
/// distributed, the scores written by every process into one .npy — the single-process <see cref="Pca"/> to rounding
/// (explained variances to 10⁻¹⁰ relative, components, scores and means entry by entry to 10⁻⁸); bad input on one rank
/// stops every rank with one line and exit 2.
/// </summary>
public class MpiPcaTests
{
    private const double ValueTolerance = 1e-10, VectorTolerance = 1e-8;

    private static CliRunner.Result Mpi(params string[] args) => CliRunner.RunProcess(new Dictionary<string, string>(), ["mpi", .. args]);

    [Fact]
    public void OneProcessGivesTheSingleProcessLanczosPcaBitForBit()
    {
        var a = Sparse.SparseTestMatrices.Random(300, 80, 0.1, seed: 4);
        var lanczos = new LanczosOptions(Seed: 2);
        var reference = Pca.Fit(a, 3, SvdMethod.Lanczos, lanczos: lanczos, backend: Backends.Current);
        var pca = DistributedPca.Fit(a, new RowBlock(0, 300), 300, 3, SvdMethod.Lanczos, new RandomizedSvdOptions(), lanczos,
            new SingleProcessCommunicator(), Backends.Current);
        Assert.Equal(reference.Mean, pca.Mean);
        Assert.Equal(reference.ExplainedVariance, pca.ExplainedVariance);
        Assert.Equal(reference.ExplainedVarianceRatio, pca.ExplainedVarianceRatio);
        Assert.Equal(reference.TotalVariance, pca.TotalVariance);
        Assert.Equal(reference.Components.Data, pca.Components.Data);
        Assert.Equal(reference.Scores.Data, pca.LocalScores.Data);
    }

    [FactWithMpirun]
    public void DenseNpyOnOneToThreeProcessesGivesTheSingleProcessPca()
    {
        using var dir = new TempDirectory();
        var a = DistributedFixtures.Geometric(240, 60, 40, seed: 9);
        for (int j = 0; j < a.Cols; j++)
            foreach (ref double x in a.Column(j)) x += 3 + j; // means far from zero, so that centring matters
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        var reference = Pca.Fit(a, 4, SvdMethod.Randomized, new RandomizedSvdOptions(Seed: 1), backend: Backends.Current);
        for (int p = 1; p <= 3; p++)
        {
            string scores = dir.File($"scores{p}.npy"), components = dir.File($"components{p}.npy"), mean = dir.File($"mean{p}.csv");
            var json = CliRunner.Json(Mpi("-n", $"{p}", "--", "pca", input, "--rank", "4", "--seed", "1",
                "--out-scores", scores, "--out-components", components, "--out-mean", mean, "--json"));
            Assert.Equal(p, json.GetProperty("processes").GetInt32());
            AssertSameVariances(reference, json, p);
            Assert.True(Core.TestMatrices.MaxAbsDiff(reference.Components, NpyFile.Read(components)) < VectorTolerance, $"P = {p}: components differ");
            Assert.True(Core.TestMatrices.MaxAbsDiff(reference.Scores, NpyFile.Read(scores)) < VectorTolerance * reference.Svd.S[0], $"P = {p}: scores differ");
            Assert.True(Core.TestMatrices.MaxAbsDiff(new Matrix(1, 60, reference.Mean), MatrixFile.Read(mean).Values) < 1e-12, $"P = {p}: means differ");
        }
    }

    [FactWithMpirun]
    public void SparseNpzLanczosPcaOnTwoProcessesGivesTheSingleProcessVariances()
    {
        using var dir = new TempDirectory();
        var a = Sparse.SparseTestMatrices.Random(400, 120, 0.05, seed: 6);
        string input = dir.File("a.npz");
        SparseNpzFile.Write(input, a, compressed: true);
        var reference = Pca.Fit(a, 3, SvdMethod.Lanczos, backend: Backends.Current);
        var json = CliRunner.Json(Mpi("-n", "2", "--", "pca", input, "--rank", "3", "--method", "lanczos", "--json"));
        Assert.Equal("lanczos", json.GetProperty("method").GetString());
        AssertSameVariances(reference, json, 2);
    }

    [FactWithMpirun]
    public void BadInputOnOneRankStopsEveryRankWithOneLineAndExitTwo()
    {
        using var dir = new TempDirectory();
        var a = DistributedFixtures.Geometric(60, 20, 15, seed: 1);
        a[45, 3] = double.NaN; // only the second of 2 ranks (rows 30..59) reads it
        string input = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        var run = Mpi("-n", "2", "--", "pca", input, "--rank", "2", "--out-scores", dir.File("s.npy"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"error: {input}: row 45, column 3 is NaN; a distributed SVD needs finite values (missing entries are for 'complete')", run.Stderr.Trim());
        Assert.Equal(["a.npy"], dir.FileNames());
    }

    private static void AssertSameVariances(PrincipalComponents reference, JsonElement json, int p)
    {
        double[] variance = json.GetProperty("explained_variance").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        Assert.Equal(reference.ExplainedVariance.Length, variance.Length);
        for (int i = 0; i < variance.Length; i++)
            Assert.True(Math.Abs(variance[i] - reference.ExplainedVariance[i]) <= ValueTolerance * reference.ExplainedVariance[0],
                $"P = {p}: variance {i + 1} = {variance[i]}, one process {reference.ExplainedVariance[i]}");
        Assert.Equal(reference.TotalVariance, json.GetProperty("total_variance").GetDouble(), 1e-10 * reference.TotalVariance);
    }
}
