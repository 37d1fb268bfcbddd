using LowRank.Compression.Networks;
using LowRank.SingularValueLearning;
using LowRank.Statistics;
using Xunit;

namespace LowRank.Tests.Core;

/// <summary>
/// Means and standard deviations of values with a large offset: 10⁹ + noise of size ~1, where E[x²] − E[x]² cancels
/// every significant digit (x² ≈ 10¹⁸, whose ulp is 128) and returns 0 or garbage.
/// </summary>
public class RunningMomentsTests
{
    private const double Offset = 1e9;

    /// <summary>Offset + noise, and its mean and population standard deviation computed exactly in decimal.</summary>
    private static (double[] Values, double Mean, double Std) OffsetNoise(int n, int seed)
    {
        var rng = new Random(seed);
        var noise = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 4 - 2, 3)).ToArray();
        decimal mean = noise.Select(x => (decimal)x).Sum() / n;
        decimal variance = noise.Select(x => ((decimal)x - mean) * ((decimal)x - mean)).Sum() / n;
        return (noise.Select(x => Offset + x).ToArray(), Offset + (double)mean, Math.Sqrt((double)variance));
    }

    [Fact]
    public void WelfordKeepsTheSpreadOfValuesFarFromZero()
    {
        var (values, mean, std) = OffsetNoise(1000, 1);
        var moments = RunningMoments.Of(values);
        Assert.Equal(1000, moments.Count);
        Assert.Equal(mean, moments.Mean, 1e-5); // 10⁻¹⁴ relative
        Assert.Equal(std, moments.StandardDeviation, 1e-6);
    }

    [Fact]
    public void EmptyAndSingleValuesHaveZeroVariance()
    {
        Assert.Equal(0, RunningMoments.Of([]).Variance);
        var one = RunningMoments.Of([Offset]);
        Assert.Equal(Offset, one.Mean);
        Assert.Equal(0, one.Variance);
    }

    [Fact]
    public void MetricSummaryStandardDeviationSurvivesALargeOffset()
    {
        // One output per matrix, predicted 0: each MAE is the true value, 10⁹ + noise.
        var (values, _, std) = OffsetNoise(500, 2);
        var summary = MetricSummary.Of(values, new double[values.Length], 1);
        Assert.Equal(std, summary.MaeStd, 1e-6);
    }

    [Fact]
    public void PixelScalingStandardDeviationSurvivesALargeOffset()
    {
        var (values, exactMean, std) = OffsetNoise(400, 3);
        var images = new LabelledImages(20, 20, values, [0]);
        var (mean, scale) = ClassificationSet.Scaling(images, maxPixel: 1);
        Assert.Equal(exactMean, mean, 1e-5);
        Assert.Equal(std, scale, 1e-6);
    }
}
