using LowRank.Completion.Advanced;
using Xunit;

namespace LowRank.Tests.Completion.Advanced;

public class WishartTests
{
    [Fact]
    public void BartlettDrawsHaveMeanNuTimesScale()
    {
        // S⁻¹ = [[2, 0.5, 0], [0.5, 1, 0.2], [0, 0.2, 0.5]]; E[W] = ν·S.
        const int k = 3;
        const double nu = 7;
        double[] inverseScale = [2, 0.5, 0, 0.5, 1, 0.2, 0, 0.2, 0.5];
        var scale = Invert3(inverseScale);
        var random = new SplitMix64(11);
        var sum = new double[k * k];
        var draw = new double[k * k];
        const int draws = 20000;
        for (int t = 0; t < draws; t++)
        {
            Wishart.Sample(inverseScale, k, nu, ref random, draw);
            for (int p = 0; p < sum.Length; p++) sum[p] += draw[p];
        }
        for (int p = 0; p < sum.Length; p++)
        {
            int i = p / k, j = p % k;
            // Var(W_ij) = ν(S_ij² + S_ii·S_jj): allow five standard errors.
            double tolerance = 5 * Math.Sqrt(nu * (scale[p] * scale[p] + scale[i * k + i] * scale[j * k + j]) / draws);
            Assert.InRange(sum[p] / draws, nu * scale[p] - tolerance, nu * scale[p] + tolerance);
        }
    }

    [Fact]
    public void RejectsTooFewDegreesOfFreedom() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var random = new SplitMix64(1);
            Wishart.Sample([1, 0, 0, 1], 2, 0.5, ref random, new double[4]);
        });

    private static double[] Invert3(double[] a)
    {
        double det = a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
        return
        [
            (a[4] * a[8] - a[5] * a[7]) / det, (a[2] * a[7] - a[1] * a[8]) / det, (a[1] * a[5] - a[2] * a[4]) / det,
            (a[5] * a[6] - a[3] * a[8]) / det, (a[0] * a[8] - a[2] * a[6]) / det, (a[2] * a[3] - a[0] * a[5]) / det,
            (a[3] * a[7] - a[4] * a[6]) / det, (a[1] * a[6] - a[0] * a[7]) / det, (a[0] * a[4] - a[1] * a[3]) / det,
        ];
    }
}
