using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Sparse;

public class SparseSvdTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    /// <summary>Lanczos recovers the closed-form singular values of a permuted block-diagonal matrix to 1e-10 relative, with residuals below tol·σ₁.</summary>
    [Theory]
    [InlineData(400, 300, 10)]
    [InlineData(300, 400, 25)]
    public void LanczosFindsClosedFormSingularValues(int m, int n, int k)
    {
        var (a, sigma) = SparseTestMatrices.BlockDiagonal(m, n, 17);
        var options = new LanczosOptions(Tolerance: 1e-10);
        var svd = LanczosSvd.Compute(a, k, options, Backend);
        Assert.Equal(SvdMethod.Lanczos, svd.Method);
        Assert.True(svd.Converged);
        for (int i = 0; i < k; i++)
            Assert.True(Math.Abs(svd.S[i] - sigma[i]) <= 1e-10 * sigma[0], $"σ_{i + 1}: {svd.S[i]} vs {sigma[i]}");
        Assert.All(svd.Residuals!, r => Assert.True(r <= 1e-9 * sigma[0], $"residual {r}"));
        // One restart at an unreachable tolerance is not convergence, and says so.
        var stopped = LanczosSvd.Compute(a, k, new LanczosOptions(Tolerance: 1e-15, MaxRestarts: 1), Backend);
        Assert.False(stopped.Converged);
        Assert.Equal(1, stopped.Iterations);
        AssertOrthonormalRows(svd.VT!, 1e-10);
        AssertOrthonormalRows(svd.U!.Transpose(), 1e-10);
    }

    /// <summary>
    /// Many restarts with a small work size keep both bases orthonormal on a tall and on a wide matrix: the side that is
    /// only locally reorthogonalised gets its first vector after each restart orthogonalised explicitly.
    /// </summary>
    [Theory]
    [InlineData(300, 120)]
    [InlineData(120, 300)]
    public void RestartsKeepBothBasesOrthonormal(int m, int n)
    {
        var a = SparseTestMatrices.Random(m, n, 0.1, 5);
        var svd = LanczosSvd.Compute(a, 8, new LanczosOptions(Tolerance: 1e-12, WorkSize: 11), Backend);
        Assert.True(svd.Iterations > 3, $"{svd.Iterations} restarts: the test needs several");
        Assert.True(svd.Converged);
        var exact = ExactSvd.Values(a);
        for (int i = 0; i < 8; i++) Assert.True(Math.Abs(svd.S[i] - exact[i]) <= 1e-10 * exact[0], $"σ_{i + 1}");
        AssertOrthonormalRows(svd.VT!, 1e-10);
        AssertOrthonormalRows(svd.U!.Transpose(), 1e-10);
    }

    /// <summary>Lanczos, randomized (q = 7) and exact agree on a random sparse matrix: values to 1e-9 and 1e-6 relative, vectors (after the sign rule) to 1e-6.</summary>
    [Fact]
    public void LanczosRandomizedAndExactAgree()
    {
        var a = SparseTestMatrices.Random(500, 200, 0.05, 3);
        const int k = 6;
        var exact = ExactSvd.Compute(a, true, Backend).Truncate(k);
        var lanczos = LanczosSvd.Compute(a, k, new LanczosOptions(Tolerance: 1e-10), Backend);
        var randomized = RandomizedSvd.Compute(a, k, new RandomizedSvdOptions(Oversampling: 20, PowerIterations: 7, Seed: 1), Backend);
        for (int i = 0; i < k; i++)
        {
            Assert.True(Math.Abs(lanczos.S[i] - exact.S[i]) <= 1e-9 * exact.S[0], $"lanczos σ_{i + 1}: {lanczos.S[i]} vs {exact.S[i]}");
            Assert.True(Math.Abs(randomized.S[i] - exact.S[i]) <= 1e-6 * exact.S[0], $"randomized σ_{i + 1}: {randomized.S[i]} vs {exact.S[i]}");
        }
        // The sign rule makes the vectors themselves comparable, not just their spans (the gaps here are ≥ 1 %).
        Assert.True(TestMatrices.MaxAbsDiff(lanczos.VT!, exact.VT!) < 1e-6);
        Assert.True(TestMatrices.MaxAbsDiff(lanczos.U!, exact.U!) < 1e-6);
        Assert.True(TestMatrices.MaxAbsDiff(randomized.VT!, exact.VT!) < 1e-4);
    }

    /// <summary>The same seed gives the same result on dense and sparse storage of the same matrix, for each method.</summary>
    [Theory]
    [InlineData(SvdMethod.Randomized)]
    [InlineData(SvdMethod.Lanczos)]
    [InlineData(SvdMethod.Exact)]
    public void DenseAndSparseStorageGiveTheSameResult(SvdMethod method)
    {
        var sparse = SparseTestMatrices.Random(300, 120, 0.05, 12);
        var dense = sparse.ToDense();
        var options = new RandomizedSvdOptions(PowerIterations: 2, Seed: 4);
        var fromSparse = SvdSolver.Compute(sparse, 5, method, options, backend: Backend);
        var fromDense = SvdSolver.Compute(dense, 5, method, options, backend: Backend);
        Assert.Equal(method, fromSparse.Method);
        Assert.Equal(method, fromDense.Method);
        Assert.True(SparseTestMatrices.MaxAbsDiff(fromSparse.S, fromDense.S) <= 1e-10 * fromDense.S[0]);
        Assert.True(TestMatrices.MaxAbsDiff(fromSparse.VT!, fromDense.VT!) < 1e-8);
        Assert.True(TestMatrices.MaxAbsDiff(fromSparse.U!, fromDense.U!) < 1e-8);
    }

    /// <summary>Every path applies the sign rule: the largest-magnitude entry of each column of U is positive.</summary>
    [Theory]
    [InlineData(SvdMethod.Randomized)]
    [InlineData(SvdMethod.Lanczos)]
    [InlineData(SvdMethod.Exact)]
    public void SignsFollowTheRule(SvdMethod method)
    {
        var a = SparseTestMatrices.Random(200, 90, 0.08, 21);
        var svd = SvdSolver.Compute(a, 4, method, new RandomizedSvdOptions(Seed: 2), backend: Backend);
        for (int j = 0; j < svd.Count; j++)
        {
            var column = svd.U!.Column(j).ToArray();
            double largest = column.MaxBy(Math.Abs);
            Assert.True(largest > 0, $"column {j} of U has its largest entry {largest}");
        }
        // Running twice gives bit-identical results (no dependence on thread timing).
        var again = SvdSolver.Compute(a, 4, method, new RandomizedSvdOptions(Seed: 2), backend: Backend);
        Assert.Equal(svd.S, again.S);
        Assert.Equal(svd.VT!.Data, again.VT!.Data);
    }

    [Fact]
    public void LanczosRefusesRankAtMinDimensionNamingTheOtherMethods()
    {
        var a = SparseTestMatrices.Random(40, 12, 0.3, 1);
        var e = Assert.Throws<InvalidInputException>(() => SvdSolver.Compute(a, 12, SvdMethod.Lanczos, backend: Backend));
        Assert.Contains("exact and randomized", e.Message);
        Assert.Equal(12, SvdSolver.Compute(a, 12, SvdMethod.Randomized, backend: Backend).Count);
    }

    /// <summary>A matrix of exact rank 3 asked for 5 triplets: the Krylov space becomes invariant and Lanczos must still return (zeros beyond the rank).</summary>
    [Fact]
    public void LanczosHandlesRankDeficientInput()
    {
        var dense = TestMatrices.RankDeficient(80, 60, 3, 2);
        var svd = LanczosSvd.Compute(dense, 5, backend: Backend);
        var exact = ExactSvd.Values(dense, Backend);
        for (int i = 0; i < 5; i++) Assert.True(Math.Abs(svd.S[i] - exact[i]) <= 1e-9 * exact[0], $"σ_{i + 1}: {svd.S[i]} vs {exact[i]}");
        AssertOrthonormalRows(svd.VT!, 1e-8);
    }

    [Fact]
    public void AutoPicksLanczosForLargeSparseAndKeepsTheDenseRule()
    {
        var sparse = SparseTestMatrices.Random(3000, 600, 0.002, 1);
        Assert.Equal(SvdMethod.Lanczos, SvdSolver.ResolveFor(SvdMethod.Auto, sparse, 10));
        Assert.Equal(SvdMethod.Exact, SvdSolver.ResolveFor(SvdMethod.Auto, sparse, null));
        Assert.Equal(SvdMethod.Exact, SvdSolver.ResolveFor(SvdMethod.Auto, SparseTestMatrices.Random(300, 200, 0.01, 1), 5));
        var dense = new Matrix(600, 600);
        Assert.Equal(SvdSolver.Resolve(SvdMethod.Auto, 600, 600, 10), SvdSolver.ResolveFor(SvdMethod.Auto, dense, 10));
    }

    private static void AssertOrthonormalRows(Matrix rows, double tolerance)
    {
        var gram = new ManagedBackend().Multiply(rows, rows, transB: true);
        Assert.True(TestMatrices.MaxAbsDiff(gram, Matrix.Identity(rows.Rows)) < tolerance);
    }
}
