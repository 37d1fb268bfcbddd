using LowRank.Decompositions;
using LowRank.Experiments;
using LowRank.Linalg;
using LowRank.Neural.Approximation;
using Xunit;

namespace LowRank.Tests.Experiments;

public class BleckelExperimentTests
{
    [Fact]
    public void ThePublishedDiagonalStartsAtZero()
    {
        // The study's SVD error 0.5918 at k = 20 is σ₂₁/σ₁ of diag(0, …, 49) = 29/49; diag(1, …, 50) gives 30/50.
        foreach (var (first, expected) in new[] { (0, 29.0 / 49), (1, 0.6) })
        {
            var d = new Matrix(50, 50);
            for (int i = 0; i < 50; i++) d[i, i] = first + i;
            var sigma = ExactSvd.Values(d);
            Assert.Equal(expected, sigma[20] / sigma[0], 12);
        }
        Assert.Equal(29.0 / 49, BleckelPublished.DiagonalFromZero.Svd, 4);
    }

    [Fact]
    public void ChannelsCombineWorstSpectralAndPooledFrobenius()
    {
        var random = new Random(2);
        Matrix[] channels = [Gaussian.Matrix(6, 5, random), Gaussian.Matrix(6, 5, random)];
        for (int i = 0; i < channels[1].Data.Length; i++) channels[1].Data[i] *= 10;
        var run = BottleneckRun.Fit(channels, new BottleneckOptions { Rank = 2, Epochs = 5, Samples = 200 });
        Assert.Equal(2, run.Channels.Count);
        Assert.Same(channels[1], run.Inputs[1]);
        Assert.Equal(run.Channels.Max(c => c.SvdRelErrorSpectral), run.SvdRelErrorSpectral);
        double tails = 0, norms = 0;
        foreach (var a in channels)
        {
            var sigma = ExactSvd.Values(a);
            tails += sigma.Skip(2).Sum(s => s * s);
            norms += sigma.Sum(s => s * s);
        }
        Assert.Equal(Math.Sqrt(tails / norms), run.SvdRelErrorFrobenius, 10);
        Assert.Equal(run.NnRelErrorSpectral / run.SvdRelErrorSpectral, run.RatioSpectral, 12);
        Assert.Equal(5, run.Loss.Count);
        Assert.Equal(run.Channels[0].History[0].Loss / 2 + run.Channels[1].History[0].Loss / 2, run.Loss[0], 12);
    }

    [Fact]
    public void DesignAndObjectiveNamesRoundTrip()
    {
        Assert.Equal(["n-n-k-n", "n-k-n", "funnel"], BottleneckNames.Designs);
        foreach (var design in Enum.GetValues<BottleneckDesign>())
            Assert.Equal(design, BottleneckNames.ParseDesign(BottleneckNames.Of(design)));
        foreach (var objective in Enum.GetValues<TrainingObjective>())
            Assert.Equal(objective, BottleneckNames.ParseObjective(BottleneckNames.Of(objective)));
        Assert.Throws<InvalidInputException>(() => BottleneckNames.ParseDesign("n-n-n"));
        Assert.Throws<InvalidInputException>(() => BottleneckNames.ParseObjective("1"));
    }
}
