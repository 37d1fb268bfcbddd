using LowRank.Decompositions;
using Xunit;

namespace LowRank.Tests.Core;

public class SpectrumEnergyTests
{
    /// <summary>A = [[4,11,14],[8,7,−2]]: σ = 6√10, 3√10 and ‖A‖_F² = 450, so σ₁ holds 360/450 = 80 % of the energy.</summary>
    [Fact]
    public void SharesAreOfTheWholeEnergyEvenForTheLeadingValueAlone()
    {
        double[] sigma = [6 * Math.Sqrt(10), 3 * Math.Sqrt(10)];
        var first = SpectrumEnergy.Of(sigma[..1], 450);
        Assert.Equal(0.8, first.Shares[0], 14);
        Assert.Equal(0.8, first.Cumulative[0], 14);
        var both = SpectrumEnergy.Of(sigma, 450);
        Assert.Equal([0.8, 0.2], both.Shares.Select(s => Math.Round(s, 14)));
        Assert.Equal(1, both.Cumulative[1], 14);
        Assert.Equal(450, both.Total);
    }

    [Fact]
    public void TheZeroMatrixHasNoShareAndIsWhollyHeld()
    {
        var zero = SpectrumEnergy.Of([0.0, 0.0], 0);
        Assert.Equal([0.0, 0.0], zero.Shares);
        Assert.Equal([1.0, 1.0], zero.Cumulative);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANegativeOrNonFiniteTotalIsRefused(double total) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SpectrumEnergy.Of([1.0], total));
}
