using LowRank.Approximation;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Approximation;
using Xunit;

namespace LowRank.Tests.Neural;

public class BottleneckTests
{
    private static Matrix Diagonal(params double[] d)
    {
        var m = new Matrix(d.Length, d.Length);
        for (int i = 0; i < d.Length; i++) m[i, i] = d[i];
        return m;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Exact_objective_reaches_the_truncated_SVD_of_diag_5_4_3_2_1(int k)
    {
        var a = Diagonal(5, 4, 3, 2, 1);
        var r = BottleneckApproximator.Fit(a, new BottleneckOptions { Rank = k, Objective = TrainingObjective.Frobenius, Float64 = true });
        Assert.Equal((5.0 - k) / 5, r.SvdRelErrorSpectral, 12);
        Assert.True(r.NnRelErrorSpectral <= 1.001 * r.SvdRelErrorSpectral, $"nn {r.NnRelErrorSpectral}, svd {r.SvdRelErrorSpectral}");
        Assert.True(r.NnRelErrorFrobenius <= 1.001 * r.SvdRelErrorFrobenius);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                Assert.Equal(i == j && i < k ? 5.0 - i : 0, r.Effective[i, j], 2);
        Assert.True(r.RankCheckPassed);
        Assert.Equal(k, r.NumericalRank);
        Assert.NotNull(r.SecondsTo101);
    }

    [Fact]
    public void Sampled_protocol_reaches_the_rank_1_approximation_of_the_design_example()
    {
        // A = [[4,11,14],[8,7,−2]]: A₁ = [[6,12,12],[2,4,4]], ‖A − A₁‖₂ = 3√10, ‖A‖₂ = 6√10.
        var a = Matrix.FromArray(new double[,] { { 4, 11, 14 }, { 8, 7, -2 } });
        var options = new BottleneckOptions { Rank = 1, Samples = 2000, Epochs = 60 };
        var r = BottleneckApproximator.Fit(a, options);
        Assert.Equal(0.5, r.SvdRelErrorSpectral, 12);
        Assert.Equal(2, r.Rows);
        Assert.Equal(3, r.Cols);
        Assert.True(r.NnRelErrorSpectral <= 1.01 * r.SvdRelErrorSpectral, $"nn {r.NnRelErrorSpectral}");
        // The network reaches the floor of its own 2,000 samples (measured: within 0.02 per entry); that floor lies
        // within sampling error of A₁ (measured: 0.16).
        double[,] expected = { { 6, 12, 12 }, { 2, 4, 4 } };
        var floor = SampleOptimum.ForProtocol(a, options);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(floor[i, j], r.Effective[i, j], 0.06);
                Assert.Equal(expected[i, j], r.Effective[i, j], 0.3);
            }
        Assert.Equal(3 * 3 + 3 * 1 + 1 * 2, r.Parameters);
        Assert.Equal(60, r.History.Count);
    }

    [Fact]
    public void Rank_check_catches_a_network_whose_choke_point_is_bypassed()
    {
        var a = Diagonal(3, 2, 1);
        var random = new Random(1);
        // "k = 1", but the hidden layer is 3 wide: the network computes a full-rank matrix.
        var bypassed = new Sequential<double>(new Linear<double>(3, 3, false, random), new Linear<double>(3, 3, false, random));
        var w = BottleneckApproximator.EffectiveMatrix(bypassed, 3);
        var reference = new BottleneckReference(a, [3, 2, 1], 1);
        var r = reference.Assess(w, BottleneckDesign.NnKn, TrainingObjective.Frobenius, [], null, 0, 18, Backends.Current);
        Assert.Equal(3, r.NumericalRank);
        Assert.False(r.RankCheckPassed);
        var honest = new Sequential<double>(new Linear<double>(3, 1, false, random), new Identity<double>(), new Linear<double>(1, 3, false, random));
        Assert.True(reference.Assess(BottleneckApproximator.EffectiveMatrix(honest, 3), BottleneckDesign.NKn, TrainingObjective.Frobenius,
            [], null, 0, 6, Backends.Current).RankCheckPassed);
        Assert.Throws<ArgumentException>(() => BottleneckApproximator.EffectiveMatrix(new Sequential<double>(new ReLU<double>()), 3));
    }

    [Fact]
    public void Designs_have_the_documented_widths()
    {
        Assert.Equal([10, 10, 3, 10], BottleneckApproximator.Widths(BottleneckDesign.NnKn, 10, 3, 10));
        Assert.Equal([12, 3, 7], BottleneckApproximator.Widths(BottleneckDesign.NKn, 12, 3, 7));
        Assert.Equal([10, 8, 4, 2, 4, 8, 10], BottleneckApproximator.Widths(BottleneckDesign.Funnel, 10, 2, 10));
        Assert.Equal([400, 256, 128, 64, 32, 16, 10, 16, 32, 64, 128, 256, 400], BottleneckApproximator.Widths(BottleneckDesign.Funnel, 400, 10, 400));
        Assert.Equal([10, 9, 10], BottleneckApproximator.Widths(BottleneckDesign.Funnel, 10, 9, 10));
        Assert.Equal([16, 8, 4, 8, 16], BottleneckApproximator.Widths(BottleneckDesign.Funnel, 16, 4, 16));
    }

    [Fact]
    public void Non_square_matrices_and_other_designs_work()
    {
        var a = TestMatrix(7, 5, 2);
        foreach (var design in new[] { BottleneckDesign.NKn, BottleneckDesign.Funnel })
        {
            var r = BottleneckApproximator.Fit(a, new BottleneckOptions { Rank = 2, Design = design, Objective = TrainingObjective.Frobenius });
            Assert.Equal(7, r.Effective.Rows);
            Assert.Equal(5, r.Effective.Cols);
            Assert.True(r.NnRelErrorSpectral <= 1.01 * r.SvdRelErrorSpectral, $"{design}: nn {r.NnRelErrorSpectral}, svd {r.SvdRelErrorSpectral}");
            Assert.True(r.RankCheckPassed);
        }
    }

    [Fact]
    public void Same_seed_same_result_and_early_stop_and_zero_matrix()
    {
        var a = TestMatrix(6, 6, 3);
        var options = new BottleneckOptions { Rank = 3, Samples = 1000, Epochs = 20, Seed = 4 };
        var first = BottleneckApproximator.Fit(a, options);
        var second = BottleneckApproximator.Fit(a, options);
        Assert.Equal(first.Effective.Data, second.Effective.Data);
        Assert.Equal(first.History.Select(h => h.Loss), second.History.Select(h => h.Loss));
        var stopped = BottleneckApproximator.Fit(a, options with { Epochs = 500, StopAtRatio = 1.05 });
        Assert.True(stopped.History.Count < 500);
        Assert.True(stopped.NnRelErrorSpectral <= 1.05 * stopped.SvdRelErrorSpectral);
        var zero = BottleneckApproximator.Fit(new Matrix(4, 3), options with { Rank = 2 });
        Assert.Equal(0, zero.SvdRelErrorSpectral);
        Assert.Equal(0, zero.NnRelErrorSpectral);
        Assert.Equal(0, zero.NnRelErrorFrobenius);
        Assert.All(zero.Effective.Data, x => Assert.Equal(0, x));
        var full = BottleneckApproximator.Fit(a, options with { Rank = 6, Objective = TrainingObjective.Frobenius, Epochs = 3000, StopAtRatio = 1.01 });
        Assert.Equal(0, full.SvdRelErrorSpectral);
        Assert.True(full.SecondsTo101 is not null, $"error {full.NnRelErrorSpectral}");
        Assert.True(full.History.Count < 100);
    }

    [Fact]
    public void Bad_options_are_refused_as_bad_input()
    {
        var a = TestMatrix(4, 4, 1);
        Assert.Throws<InvalidInputException>(() => BottleneckApproximator.Fit(a, new BottleneckOptions { Rank = 5 }));
        Assert.Throws<InvalidInputException>(() => BottleneckApproximator.Fit(a, new BottleneckOptions { Rank = 0 }));
        Assert.Throws<InvalidInputException>(() => BottleneckApproximator.Fit(a, new BottleneckOptions { Rank = 2, Optimizer = "rmsprop" }));
        Assert.Throws<InvalidInputException>(() => BottleneckApproximator.Fit(a, new BottleneckOptions { Rank = 2, Epochs = 0 }));
        Assert.Throws<InvalidInputException>(() => BottleneckApproximator.Fit(a, new BottleneckOptions { Rank = 2, LearningRate = -1 }));
        a[1, 1] = double.NaN;
        Assert.Throws<InvalidInputException>(() => BottleneckApproximator.Fit(a, new BottleneckOptions { Rank = 2 }));
    }

    [Fact]
    public void Sample_optimum_is_the_SVD_for_white_samples_and_the_floor_of_the_sampled_loss()
    {
        var a = TestMatrix(5, 4, 5);
        // Rows of √N·Q for an orthonormal Q (N×n): C = QᵀQ = I exactly, so the optimum is the truncated SVD.
        var q = Backends.Current.OrthonormalColumns(Gaussian.Matrix(40, 4, new Random(6)));
        foreach (ref double v in q.Data.AsSpan()) v *= Math.Sqrt(40);
        var w = SampleOptimum.Fit(a, q, 2);
        var svd = LowRank.Decompositions.ExactSvd.Values(a);
        Assert.Equal(svd[2], Residual(a, w), 10);
        Assert.Equal(2, NumericalRank.Of(w));
        // Gaussian samples: no rank-2 map has a lower sampled loss than W*, not even the truncated SVD.
        var x = Gaussian.Matrix(30, 4, new Random(7));
        var floor = SampleOptimum.Fit(a, x, 2);
        var truncated = Truncated(a, 2);
        Assert.True(SampledLoss(a, floor, x) <= SampledLoss(a, truncated, x) + 1e-12);
        var protocol = SampleOptimum.ForProtocol(a, new BottleneckOptions { Rank = 2, Samples = 500, Seed = 1 });
        Assert.InRange(Residual(a, protocol) / svd[2], 1.0, 1.2);
    }

    private static Matrix Truncated(Matrix a, int k) =>
        LowRankApproximator.Approximate(a, RankRule.Fixed(k), LowRank.Decompositions.SvdMethod.Exact).Reconstruct();

    private static double Residual(Matrix a, Matrix w)
    {
        var r = a.Clone();
        for (int i = 0; i < r.Data.Length; i++) r.Data[i] -= w.Data[i];
        return LowRank.Decompositions.ExactSvd.Values(r)[0];
    }

    private static double SampledLoss(Matrix a, Matrix w, Matrix x)
    {
        var d = a.Clone();
        for (int i = 0; i < d.Data.Length; i++) d.Data[i] -= w.Data[i];
        return Backends.Current.Multiply(x, d, transB: true).FrobeniusNorm();
    }

    private static Matrix TestMatrix(int m, int n, int seed) => Gaussian.Matrix(m, n, new Random(seed));
}
