using LowRank.Completion;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Completion;

public class FactorGramTests
{
    [Theory]
    [InlineData(7, 11)]
    [InlineData(8, 4)]
    [InlineData(13, 3)]
    [InlineData(16, 9)]
    [InlineData(64, 30)]
    public void WeightedRankUpdatesMatchTheNaiveSumInAnOffsetBlock(int k, int n)
    {
        var random = new Random(k * 100 + n);
        var factors = new double[20 * k]; // k a multiple of 8 and n ≥ 8 take the register-tile path, the others the rank-4 one
        Gaussian.Fill(factors, random);
        var rows = Enumerable.Range(0, n).Select(_ => random.Next(20)).ToArray();
        var weights = rows.Select(_ => random.NextDouble() + 0.5).ToArray();
        int d = k + 1;
        var a = new double[d * d];
        FactorGram.AddLower(a.AsSpan(d + 1), d, k, factors, rows, weights);
        FactorGram.MirrorLower(a.AsSpan(d + 1), d, k);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double expected = 0;
                for (int t = 0; t < n; t++) expected += weights[t] * factors[rows[t] * k + i] * factors[rows[t] * k + j];
                Assert.Equal(expected, a[(i + 1) * d + j + 1], 1e-12);
            }
        for (int j = 0; j < d; j++) Assert.Equal(0, a[j]); // the bias row and column are left alone
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(65)]
    public void CholeskyFactorReproducesTheMatrixAndSolves(int k)
    {
        var random = new Random(k);
        var g = new double[(k + 3) * k];
        Gaussian.Fill(g, random);
        var a = new double[k * k];
        FactorGram.AddLower(a, k, k, g, Enumerable.Range(0, k + 3).ToArray(), []);
        FactorGram.MirrorLower(a, k, k);
        for (int i = 0; i < k; i++) a[i * k + i] += 0.1;
        var l = (double[])a.Clone();
        Assert.True(SmallCholesky.Factor(l, k));
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int p = 0; p <= j; p++) sum += l[i * k + p] * l[j * k + p];
                Assert.Equal(a[i * k + j], sum, 1e-9 * (1 + Math.Abs(a[i * k + j])));
            }
        var x = Enumerable.Range(0, k).Select(i => Math.Sin(i + 1)).ToArray();
        var b = new double[k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) b[i] += a[i * k + j] * x[j];
        Assert.True(SmallCholesky.Solve((double[])a.Clone(), k, b));
        Assert.All(b.Zip(x), p => Assert.Equal(p.Second, p.First, 1e-8));
        a[0] = -1;
        Assert.False(SmallCholesky.Factor(a, k));
    }
}
