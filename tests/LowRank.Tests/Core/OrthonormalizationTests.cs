using LowRank.Decompositions;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Core;

public class OrthonormalizationTests
{
    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void CholeskyFactorReproducesTheGramMatrixAndRefusesIndefiniteOnes(string name)
    {
        var backend = TestMatrices.Backend(name);
        var y = TestMatrices.Random(30, 6, 51);
        var g = backend.Multiply(y, y, transA: true);
        var r = g.Clone();
        Assert.True(backend.Cholesky(r));
        for (int j = 0; j < 6; j++)
            for (int i = j + 1; i < 6; i++)
                Assert.Equal(0.0, r[i, j]);
        Assert.True(TestMatrices.MaxAbsDiff(backend.Multiply(r, r, transA: true), g) < 1e-12 * g[0, 0]);

        var indefinite = Matrix.FromArray(new double[,] { { 1, 2 }, { 2, 1 } });
        Assert.False(backend.Cholesky(indefinite));
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void TriangularSolveInvertsTheProduct(string name)
    {
        var backend = TestMatrices.Backend(name);
        var r = TestMatrices.Random(5, 5, 52);
        for (int j = 0; j < 5; j++)
        {
            r[j, j] = 3 + Math.Abs(r[j, j]);
            for (int i = j + 1; i < 5; i++) r[i, j] = 0;
        }
        var x = TestMatrices.Random(12, 5, 53);
        var y = backend.Multiply(x, r);
        backend.SolveUpperTriangularRight(r, y);
        Assert.True(TestMatrices.MaxAbsDiff(x, y) < 1e-12);
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void WellConditionedAndRankDeficientInputsBothGiveOrthonormalBasesOfTheirRange(string name)
    {
        var backend = TestMatrices.Backend(name);
        foreach (var y in new[] { TestMatrices.Random(200, 20, 54), TestMatrices.RankDeficient(200, 20, 7, 55) })
        {
            var q = Orthonormalization.Orthonormalize(y.Clone(), backend);
            Assert.True(TestMatrices.MaxAbsDiff(backend.Multiply(q, q, transA: true), Matrix.Identity(20)) < 1e-11);
            var projected = backend.Multiply(q, backend.Multiply(q, y, transA: true));
            Assert.True(TestMatrices.MaxAbsDiff(projected, y) < 1e-10 * y.FrobeniusNorm());
        }
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void InPlaceFactorisationOverwritesYWithQAndReturnsRAcrossChunks(string name)
    {
        var backend = TestMatrices.Backend(name);
        int m = 2 * Orthonormalization.InPlaceChunkRows + 37; // three chunks, the last one short
        var graded = TestMatrices.Random(m, 9, 56);
        for (int j = 0; j < 9; j++) foreach (ref double v in graded.Column(j)) v *= Math.Pow(10, -j); // κ ≈ 10⁸: both passes needed
        foreach (var y in new[] { TestMatrices.Random(m, 9, 57), graded, TestMatrices.RankDeficient(m, 9, 4, 58) })
        {
            var q = y.Clone();
            var r = Orthonormalization.OrthonormalizeInPlace(q, backend);
            Assert.True(TestMatrices.MaxAbsDiff(backend.Multiply(q, q, transA: true), Matrix.Identity(9)) < 1e-11);
            for (int j = 0; j < 9; j++)
                for (int i = j + 1; i < 9; i++) Assert.True(Math.Abs(r[i, j]) <= 1e-12 * Math.Abs(r[0, 0]), $"R[{i},{j}] = {r[i, j]}");
            Assert.True(TestMatrices.MaxAbsDiff(TestMatrices.NaiveProduct(q, r), y) < 1e-10 * y.FrobeniusNorm());
        }
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void OneCholeskyQrPassNormalisesWithinKappaSquaredAndFallsBackWhenTheGramMatrixIsSingular(string name)
    {
        var backend = TestMatrices.Backend(name);
        var graded = TestMatrices.Random(300, 8, 61);
        for (int j = 0; j < 8; j++) foreach (ref double v in graded.Column(j)) v *= Math.Pow(10, -0.5 * j); // κ ≈ 10^3.5
        foreach (var (y, orthonormalTo) in new[] { (TestMatrices.Random(300, 8, 62), 1e-13), (graded, 1e-8), (TestMatrices.RankDeficient(300, 8, 3, 63), 1e-11) })
        {
            var q = y.Clone();
            var r = Orthonormalization.NormalizeInPlace(q, backend);
            Assert.True(TestMatrices.MaxAbsDiff(backend.Multiply(q, q, transA: true), Matrix.Identity(8)) < orthonormalTo);
            for (int j = 0; j < 8; j++)
                for (int i = j + 1; i < 8; i++) Assert.True(Math.Abs(r[i, j]) <= 1e-12 * Math.Abs(r[0, 0]), $"R[{i},{j}] = {r[i, j]}");
            Assert.True(TestMatrices.MaxAbsDiff(TestMatrices.NaiveProduct(q, r), y) < 1e-12 * y.FrobeniusNorm());
        }
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void ChunkedInPlaceProductEqualsTheNaiveProduct(string name)
    {
        var backend = TestMatrices.Backend(name);
        var y = TestMatrices.Random(Orthonormalization.InPlaceChunkRows + 5, 6, 59);
        var t = TestMatrices.Random(6, 6, 60);
        var expected = TestMatrices.NaiveProduct(y, t);
        Orthonormalization.MultiplyInPlace(y, t, backend);
        Assert.True(TestMatrices.MaxAbsDiff(expected, y) < 1e-12);
    }
}
