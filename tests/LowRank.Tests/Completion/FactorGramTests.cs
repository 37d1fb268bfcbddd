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

    /// <summary>
    /// The gathered-block tiles against the plain triple loop: k below, at and above multiples of 8 (padded tiles, a heap
    /// scratch at k = 100), padded orders whose rows split into 6-row tiles with no, one or two 4-row tiles after them
    /// (k' = 72, 16, 8 and 32, 64), one block and several blocks of rows with short last blocks (at k = 64 a block holds 32 rows), weighted and unweighted, with the right-hand
    /// side Σ c·f and the row sum Σ f gathered in the same pass. Tolerance 1e-12 relative to the sum of |terms|.
    /// </summary>
    [Theory]
    [InlineData(3, 20, false)]
    [InlineData(10, 50, true)]
    [InlineData(10, 50, false)]
    [InlineData(24, 200, false)]
    [InlineData(64, 100, false)]
    [InlineData(64, 100, true)]
    [InlineData(65, 40, true)]
    [InlineData(100, 37, false)]
    [InlineData(8, 9, true)]
    [InlineData(16, 12, false)]
    [InlineData(32, 70, true)]
    [InlineData(64, 8, false)]
    [InlineData(64, 31, true)]
    [InlineData(64, 33, false)]
    [InlineData(64, 97, true)]
    [InlineData(72, 29, false)]
    public void GatheredTilesAndRightHandSideMatchTheNaiveSums(int k, int n, bool weighted)
    {
        var random = new Random(k * 1000 + n);
        const int pool = 300;
        var factors = new double[pool * k];
        Gaussian.Fill(factors, random);
        var rows = Enumerable.Range(0, n).Select(_ => random.Next(pool)).ToArray();
        double[] weights = weighted ? rows.Select(_ => random.NextDouble() * 3 - 0.5).ToArray() : [];
        var coefficients = rows.Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var a = new double[k * k];
        var combination = new double[k];
        var sum = new double[k];
        FactorGram.AddLower(a, k, k, factors, rows, weights, coefficients, combination, sum);
        for (int i = 0; i < k; i++)
        {
            double expectedCombination = 0, expectedSum = 0, scaleCombination = 0, scaleSum = 0;
            for (int t = 0; t < n; t++)
            {
                double f = factors[rows[t] * k + i];
                expectedCombination += coefficients[t] * f;
                scaleCombination += Math.Abs(coefficients[t] * f);
                expectedSum += f;
                scaleSum += Math.Abs(f);
            }
            Assert.Equal(expectedCombination, combination[i], 1e-12 * (1 + scaleCombination));
            Assert.Equal(expectedSum, sum[i], 1e-12 * (1 + scaleSum));
            for (int j = 0; j <= i; j++)
            {
                double expected = 0, scale = 0;
                for (int t = 0; t < n; t++)
                {
                    double term = (weighted ? weights[t] : 1) * factors[rows[t] * k + i] * factors[rows[t] * k + j];
                    expected += term;
                    scale += Math.Abs(term);
                }
                Assert.Equal(expected, a[i * k + j], 1e-12 * (1 + scale));
            }
        }
    }

    /// <summary>
    /// The 512-bit tiles (8×16 and 8×8) against the 256-bit ones (6×8 and 4×8): bit-identical Gram, right-hand side and
    /// row sum, since every entry adds the same fused products in the same order, for odd and even k (padded scratch at
    /// k = 1, 7, 13, 65, 100; direct at 64), row counts below, at and across the gathered block, weighted and unweighted.
    /// (Where 512-bit vectors are not accelerated both calls take the 256-bit path.)
    /// </summary>
    [Theory]
    [InlineData(1, 9, false)]
    [InlineData(7, 13, true)]
    [InlineData(13, 31, false)]
    [InlineData(64, 8, false)]
    [InlineData(64, 33, true)]
    [InlineData(64, 97, false)]
    [InlineData(65, 65, true)]
    [InlineData(65, 131, false)]
    [InlineData(100, 41, true)]
    public void WideTilesEqualTheNarrowTilesBitForBit(int k, int n, bool weighted)
    {
        var random = new Random(k * 7 + n);
        const int pool = 200;
        var factors = new double[pool * k];
        Gaussian.Fill(factors, random);
        var rows = Enumerable.Range(0, n).Select(_ => random.Next(pool)).ToArray();
        double[] weights = weighted ? rows.Select(_ => random.NextDouble() * 2).ToArray() : [];
        var coefficients = rows.Select(_ => random.NextDouble() - 0.5).ToArray();
        int ld = k + 3;
        var results = new (double[] A, double[] Combination, double[] Sum)[2];
        for (int wide = 0; wide < 2; wide++)
        {
            var a = Enumerable.Range(0, ld * ld).Select(i => Math.Cos(i)).ToArray(); // a nonzero start, offset block
            var combination = new double[k];
            var sum = new double[k];
            FactorGram.AddLower(a.AsSpan(ld + 2), ld, k, factors, rows, weights, coefficients, combination, sum, wide == 1);
            for (int i = 0; i < k; i++) // entries above the diagonal may hold partial sums: compare the lower triangle
                for (int j = i + 1; j < k; j++) a[ld + 2 + i * ld + j] = 0;
            results[wide] = (a, combination, sum);
        }
        Assert.Equal(results[0].A, results[1].A);
        Assert.Equal(results[0].Combination, results[1].Combination);
        Assert.Equal(results[0].Sum, results[1].Sum);
    }

    /// <summary>
    /// Either block sum alone (ALS without biases and implicit ALS ask only for Σ c·f; the bias column alone is Σ f) is
    /// the naive sum and leaves the Gram unchanged, with k around the sixteen-column groups of the block sums (k = 24, 65).
    /// </summary>
    [Theory]
    [InlineData(24, 45, true)]
    [InlineData(24, 45, false)]
    [InlineData(65, 70, true)]
    [InlineData(65, 70, false)]
    public void EitherBlockSumAloneMatchesTheNaiveSum(int k, int n, bool combinationOnly)
    {
        var random = new Random(k + n);
        var factors = new double[90 * k];
        Gaussian.Fill(factors, random);
        var rows = Enumerable.Range(0, n).Select(_ => random.Next(90)).ToArray();
        var coefficients = rows.Select(_ => random.NextDouble() - 0.5).ToArray();
        var expectedGram = new double[k * k];
        FactorGram.AddLower(expectedGram, k, k, factors, rows, []);
        var a = new double[k * k];
        var result = new double[k];
        if (combinationOnly) FactorGram.AddLower(a, k, k, factors, rows, [], coefficients, result, []);
        else FactorGram.AddLower(a, k, k, factors, rows, [], [], [], result);
        Assert.Equal(expectedGram, a);
        for (int j = 0; j < k; j++)
        {
            double expected = 0;
            for (int t = 0; t < n; t++) expected += (combinationOnly ? coefficients[t] : 1) * factors[rows[t] * k + j];
            Assert.Equal(expected, result[j], 1e-12);
        }
    }

    /// <summary>The gather with prefetch copies exactly the indexed rows, in order, repeats included, and leaves the rest alone.</summary>
    [Theory]
    [InlineData(1, 3)]
    [InlineData(7, 40)]
    [InlineData(64, 100)]
    public void GatheredRowsAreTheIndexedRowsInOrder(int k, int n)
    {
        var random = new Random(k + n);
        var factors = new double[50 * k];
        Gaussian.Fill(factors, random);
        var rows = Enumerable.Range(0, n).Select(_ => random.Next(50)).ToArray();
        var destination = Enumerable.Repeat(-7.0, n * k + 3).ToArray();
        FactorGram.GatherRows(factors, k, rows, destination);
        for (int t = 0; t < n; t++)
            for (int j = 0; j < k; j++) Assert.Equal(factors[rows[t] * k + j], destination[t * k + j]);
        Assert.All(destination[(n * k)..], v => Assert.Equal(-7.0, v));
        Assert.Throws<ArgumentOutOfRangeException>(() => FactorGram.GatherRows(factors, k, [50], destination));
    }

    /// <summary>
    /// The eight-column 512-bit Cholesky (<see cref="SmallCholesky.FactorWide"/>, also run where 512-bit vectors are
    /// emulated) against the four-column one on odd and even orders, the last panel full or partial: the same L to
    /// rounding (1e-12 relative), L·Lᵀ = A, the upper triangle of the input untouched, a non-positive pivot reported —
    /// first and in a later panel.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(13)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(100)]
    [InlineData(128)]
    public void WideCholeskyMatchesTheFourColumnOne(int k)
    {
        var random = new Random(k + 17);
        var g = new double[(k + 5) * k];
        Gaussian.Fill(g, random);
        var a = new double[k * k];
        FactorGram.AddLower(a, k, k, g, Enumerable.Range(0, k + 5).ToArray(), []);
        for (int i = 0; i < k; i++)
        {
            a[i * k + i] += 0.5;
            for (int j = i + 1; j < k; j++) a[i * k + j] = double.NaN; // the upper triangle is neither read into L nor written
        }
        var narrow = (double[])a.Clone();
        var wide = (double[])a.Clone();
        Assert.True(SmallCholesky.FactorBy4(narrow, k));
        Assert.True(SmallCholesky.FactorWide(wide, k));
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                Assert.Equal(narrow[i * k + j], wide[i * k + j], 1e-12 * (1 + Math.Abs(narrow[i * k + j])));
                double sum = 0;
                for (int p = 0; p <= j; p++) sum += wide[i * k + p] * wide[j * k + p];
                Assert.Equal(a[i * k + j], sum, 1e-9 * (1 + Math.Abs(a[i * k + j])));
            }
            for (int j = i + 1; j < k; j++) Assert.True(double.IsNaN(wide[i * k + j]));
        }
        foreach (int bad in new[] { 0, k - 1 })
        {
            var broken = (double[])a.Clone();
            broken[bad * k + bad] = -1e6;
            Assert.False(SmallCholesky.FactorWide(broken, k));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
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
