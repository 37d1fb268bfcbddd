using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Blocked;

/// <summary>The single-pass sketch of Tropp, Yurtsever, Udell &amp; Cevher (SISC 2019): linearity, the error bound, the error estimate.</summary>
public class StreamingSketchTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    private static StreamingSketch Sketch(Matrix a, StreamingSketchSize size, int seed, int blockRows)
    {
        var sketch = new StreamingSketch(a.Rows, a.Cols, size, seed);
        var rowMajor = a.Transpose().Data;
        // blocks in reverse order: a stream may deliver rows in any order
        for (int first = (a.Rows - 1) / blockRows * blockRows; first >= 0; first -= blockRows)
        {
            int count = Math.Min(blockRows, a.Rows - first);
            sketch.AddRows(first, count, rowMajor.AsSpan(first * a.Cols, count * a.Cols), Backend);
        }
        return sketch;
    }

    [Fact]
    public void SketchOfASumIsTheSumOfTheSketchesWhateverTheBlocks()
    {
        var a = TestMatrices.Random(70, 40, 1);
        var h = TestMatrices.Random(70, 40, 2);
        var sum = a.Clone();
        for (int i = 0; i < sum.Data.Length; i++) sum.Data[i] += h.Data[i];
        var size = new StreamingSketchSize(6, 13, 5);
        var sa = Sketch(a, size, 9, 16);
        sa.Add(Sketch(h, size, 9, 7));
        var direct = Sketch(sum, size, 9, 70);
        foreach (var (x, y) in new[] { (sa.Range, direct.Range), (sa.CoRange, direct.CoRange), (sa.Core, direct.Core), (sa.Error, direct.Error) })
        {
            double scale = y.FrobeniusNorm();
            for (int i = 0; i < x.Data.Length; i++) Assert.True(Math.Abs(x.Data[i] - y.Data[i]) <= 1e-12 * scale, $"{x.Data[i]} vs {y.Data[i]}");
        }
        Assert.Throws<ArgumentException>(() => sa.Add(Sketch(h, size, 10, 7))); // another seed: other test matrices
    }

    [Fact]
    public void ErrorIsWithinTheBoundOfTheorem51AndTheEstimateTracksIt()
    {
        // σ_i = 1/i (i ≤ 30) plus noise: a decaying spectrum, as in the paper's experiments
        var a = TestMatrices.LowRankPlusNoise(240, 160, 30, 1e-3, 3);
        var sigma = ExactSvd.Compute(a.Clone(), false, Backend).S;
        const int k = 12, s = 25, alpha = StreamingSketchSize.Alpha;
        var size = new StreamingSketchSize(k, s, 200);
        // Theorem 5.1: E‖A − Â‖_F² ≤ (s − α)/(s − k − α) · min_{ϱ < k − α} (k + ϱ − α)/(k − ϱ − α) · τ²_{ϱ+1}(A)
        double bound = double.PositiveInfinity;
        for (int rho = 0; rho < k - alpha; rho++)
        {
            double tail = sigma.Skip(rho).Sum(x => x * x);
            bound = Math.Min(bound, (s - alpha) / (double)(s - k - alpha) * (k + rho - alpha) / (k - rho - alpha) * tail);
        }
        double meanSquared = 0;
        const int trials = 8;
        for (int seed = 0; seed < trials; seed++)
        {
            var result = Sketch(a, size, seed, 50).Approximate(k, Backend);
            double error = ResidualFrobenius(a, result.Svd);
            meanSquared += error * error / trials;
            // the a-posteriori estimate with q = 200: relative spread about 5 %
            Assert.True(Math.Abs(result.EstimatedFrobeniusError - error) <= 0.2 * error, $"seed {seed}: estimate {result.EstimatedFrobeniusError} vs true {error}");
            // fixed rank r = 5: ‖A − [[Â]]_r‖_F ≤ τ_{r+1}(A) + 2‖A − Â‖_F (the paper's (5.7)–(5.8))
            var truncated = Sketch(a, size, seed, 50).Approximate(5, Backend);
            double tail5 = Math.Sqrt(sigma.Skip(5).Sum(x => x * x));
            Assert.True(ResidualFrobenius(a, truncated.Svd) <= tail5 + 2 * error);
        }
        Assert.True(meanSquared <= bound, $"mean ‖A − Â‖² = {meanSquared} above the bound {bound}");
    }

    [Fact]
    public void BudgetRuleIsThePapersNaturalChoice56AndRefusesTooSmallABudget()
    {
        // Tropp et al. 2019 (5.6), α = 1: k = ⌊(√((m+n+4)² + 16(T−1)) − (m+n+4))/8⌋ = 139 and s = ⌊√(T − k(m+n))⌋ = 281 for
        // m = 1000, n = 300, T = 20·10·1300 (worked by hand from the formula; the authors' SKETCH code gives the same).
        var size = StreamingSketchSize.ForBudget(20L * 10 * (1000 + 300), 10, 1000, 300);
        Assert.Equal((139, 281), (size.RangeSize, size.CoreSize));
        Assert.True(size.CoreSize >= 2 * size.RangeSize + 1);
        Assert.True(size.Storage(1000, 300) <= 20L * 10 * 1300);
        var e = Assert.Throws<InvalidInputException>(() => StreamingSketchSize.ForBudget(1000, 10, 1000, 300));
        Assert.Contains("too small", e.Message);
    }

    [Fact]
    public void RestoredAndGrownSketchesEqualTheSketchOfTheWholeMatrix()
    {
        var a = TestMatrices.Random(90, 30, 4);
        var size = new StreamingSketchSize(5, 11, 7);
        var whole = Sketch(a, size, 3, 90);
        var rowMajor = a.Transpose().Data;
        // the first 40 rows, saved and restored, then the other 50 appended in two pieces: the sketch of the stack
        var first = new StreamingSketch(0, 30, size, 3);
        first.AppendRows(40, rowMajor.AsSpan(0, 40 * 30), Backend);
        var restored = StreamingSketch.Restore(first.Rows, 30, size, 3, first.Range, first.CoRange, first.Core, first.Error);
        restored.AppendRows(20, rowMajor.AsSpan(40 * 30, 20 * 30), Backend);
        restored.AppendRows(30, rowMajor.AsSpan(60 * 30, 30 * 30), Backend);
        Assert.Equal(90, restored.Rows);
        foreach (var (x, y) in new[] { (restored.Range, whole.Range), (restored.CoRange, whole.CoRange), (restored.Core, whole.Core), (restored.Error, whole.Error) })
        {
            Assert.Equal((y.Rows, y.Cols), (x.Rows, x.Cols));
            for (int i = 0; i < x.Data.Length; i++) Assert.Equal(y.Data[i], x.Data[i], 1e-12 * (1 + Math.Abs(y.Data[i])));
        }
    }

    private static double ResidualFrobenius(Matrix a, SingularValueDecomposition svd)
    {
        var r = a.Clone();
        var us = svd.U!.Clone();
        for (int j = 0; j < svd.Count; j++)
            foreach (ref double x in us.Column(j)) x *= svd.S[j];
        Backend.Gemm(false, false, a.Rows, a.Cols, svd.Count, -1.0, us.Data, a.Rows, svd.VT!.Data, svd.Count, 1.0, r.Data, a.Rows);
        return r.FrobeniusNorm();
    }
}
