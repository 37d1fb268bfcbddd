using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.SingularValueLearning;
using Xunit;

namespace LowRank.Tests.SingularValueLearning;

public class LabelsAndMetricsTests
{
    [Fact]
    public void Labels_equal_the_singular_values_of_each_matrix()
    {
        var a = Gaussian.Matrix(60, 12, new Random(4));
        var stack = Windows.Extract(a, 8, 6, 3, out _);
        var labels = SingularValueLabels.Compute(stack, threads: 2);
        Assert.Equal(stack.Count * 6, labels.Length);
        for (int k = 0; k < stack.Count; k++)
        {
            var expected = ExactSvd.Values(stack.ToMatrix(k));
            for (int i = 0; i < 6; i++) Assert.Equal(expected[i], labels[k * 6 + i], 12);
        }
        // A closed form, independent of any SVD routine: the lecture's [[4, 11, 14], [8, 7, −2]] has σ = 6√10, 3√10.
        var lecture = SingularValueLabels.Compute(new MatrixStack(1, 2, 3, [4, 11, 14, 8, 7, -2]));
        Assert.Equal(6 * Math.Sqrt(10), lecture[0], 12);
        Assert.Equal(3 * Math.Sqrt(10), lecture[1], 12);
    }

    [Fact]
    public void Nmse_and_mae_match_hand_computed_values()
    {
        // Matrix 1: σ = (4, 3), σ̂ = (2, 3): NMSE = 4/25 = 0.16, MAE = 2/2 = 1.
        // Matrix 2: σ = (1, 0), σ̂ = (0, 0): NMSE = 1/1 = 1,   MAE = 1/2 = 0.5.
        var m = MetricSummary.Of([4, 3, 1, 0], [2, 3, 0, 0], 2);
        Assert.Equal([0.16, 1.0], m.Nmse, (x, y) => Math.Abs(x - y) < 1e-15);
        Assert.Equal(0.58, m.NmseMean, 14);
        Assert.Equal(0.42, m.NmseStd, 14);
        Assert.Equal(0.75, m.MaeMean, 14);
        Assert.Equal(0.25, m.MaeStd, 14);
    }

    [Fact]
    public void A_zero_matrix_has_no_nmse_and_is_left_out()
    {
        var m = MetricSummary.Of([0, 0, 2, 0], [1, 0, 1, 0], 2);
        Assert.Equal(1, m.Skipped);
        Assert.Equal(0.25, m.NmseMean, 14);
    }

    [Fact]
    public void Baseline_is_the_mean_ratio_times_the_norm()
    {
        var stack = new MatrixStack(2, 2, 2, [4, 0, 0, 3, 1, 0, 0, 0]); // diag(4, 3) and diag(1, 0)
        var data = new SvDataset("t", stack, [4, 3, 1, 0], null);       // ‖·‖_F = 5 and 1
        var baseline = NormRatioBaseline.Fit(data, [0, 1]);
        Assert.Equal([(0.8 + 1) / 2, (0.6 + 0) / 2], baseline.MeanRatio);
        Assert.Equal([0.9 * 5, 0.3 * 5], baseline.Predict(data, [0]));
    }

    [Fact]
    public void Energy_rank_counts_the_values_holding_99_percent()
    {
        Assert.Equal(1, EnergyRank.Of([10, 0.1, 0.1]));
        Assert.Equal(2, EnergyRank.Of([1, 1, 0.01]));
        Assert.Equal(0, EnergyRank.Of([0, 0]));
    }

    [Fact]
    public void Svd_light_returns_factors_of_the_documented_shapes()
    {
        var a = Gaussian.Matrix(9, 7, new Random(2));
        var sigma = ExactSvd.Values(a);
        var light = SvdLight.Compute(a, sigma, 3, 6, new Random(5));
        Assert.Equal((9, 3), (light.U.Rows, light.U.Cols));
        Assert.Equal((7, 3), (light.V.Rows, light.V.Cols));
        Assert.Equal(sigma[..3], light.S);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(1, EuclideanNorm.Of(light.U.Column(j)), 10);
            Assert.Equal(1, EuclideanNorm.Of(light.V.Column(j)), 10);
        }
        Assert.Equal((9, 7), (light.Compose().Rows, light.Compose().Cols));
        // A rank-1 A = 3·u·vᵀ: every sampled column is a multiple of u, so U = ±u, V = ±v, and with σ̂ = 3 the rebuild is A.
        var rank1 = Matrix.FromArray(new double[,] { { 0.6 * 0.8, 0.6 * 0.6 }, { 0.8 * 0.8, 0.8 * 0.6 } });
        foreach (ref double x in rank1.Data.AsSpan()) x *= 3;
        var one = SvdLight.Compute(rank1, [3.0, 0], 1, 2, new Random(1));
        Assert.True(SpectrumReconstruction.RelativeError(rank1, one.Compose()) < 1e-12);
        Assert.Throws<InvalidInputException>(() => SvdLight.Compute(a, sigma, 3, 2, new Random(5)));
    }

    [Fact]
    public void Reconstruction_with_true_sigma_is_the_truncated_svd()
    {
        var a = Gaussian.Matrix(6, 5, new Random(8));
        var svd = ExactSvd.Compute(a);
        var full = SpectrumReconstruction.Compose(svd.U!, svd.S, svd.VT!.Transpose(), 5);
        Assert.True(SpectrumReconstruction.RelativeError(a, full) < 1e-12);
        var a2 = SpectrumReconstruction.Compose(svd.U!, svd.S, svd.VT!.Transpose(), 2);
        double expected = Math.Sqrt(svd.S.Skip(2).Sum(s => s * s) / svd.S.Sum(s => s * s));
        Assert.Equal(expected, SpectrumReconstruction.RelativeError(a, a2), 12);
        var random = SpectrumReconstruction.RandomSpectrum(5, 3, new Random(1));
        Assert.Equal(3, EuclideanNorm.Of(random), 12);
        Assert.True(random.Zip(random.Skip(1)).All(p => p.First >= p.Second));
    }
}
