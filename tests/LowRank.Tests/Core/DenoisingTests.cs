using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Core;

/// <summary>
/// Gavish &amp; Donoho's denoising rules: the Frobenius-loss optimal shrinker (2017) in closed form, the known-noise
/// hard threshold (2014), and shrinkage against hard thresholding on a low-rank matrix plus noise.
/// </summary>
public class DenoisingTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void TheShrinkerIsZeroAtAndBelowTheBulkEdge(double beta)
    {
        double edge = 1 + Math.Sqrt(beta);
        foreach (double y in new[] { 0, 0.5, 1, edge - 1e-9, edge })
            Assert.Equal(0, OptimalShrinkage.Frobenius(y, beta), 6);
        Assert.True(OptimalShrinkage.Frobenius(edge + 0.1, beta) > 0);
    }

    [Fact]
    public void TheShrinkerAtKnownPoints()
    {
        // β = 1, y = 3: √((9 − 2)² − 4)/3 = √45/3 = √5; β = 1/4, y = 2: √((4 − 5/4)² − 1)/2 = √105/8.
        Assert.Equal(Math.Sqrt(5), OptimalShrinkage.Frobenius(3, 1), 14);
        Assert.Equal(Math.Sqrt(105) / 8, OptimalShrinkage.Frobenius(2, 0.25), 14);
    }

    [Theory]
    [InlineData(1.0, 1.5)]
    [InlineData(0.5, 2.0)]
    [InlineData(0.2, 4.0)]
    public void TheShrinkerIsTheSignalTimesBothCosines(double beta, double x)
    {
        // The 2017 paper's derivation: a spike x above β^¼ appears at y(x) = √((1 + x²)(β + x²))/x, its singular vectors
        // have cosines c, c̃ with the true ones, c² = (x⁴ − β)/(x⁴ + βx²), c̃² = (x⁴ − β)/(x⁴ + x²), and the
        // Frobenius-optimal value there is x·c·c̃.
        double x2 = x * x, x4 = x2 * x2;
        double y = Math.Sqrt((1 + x2) * (beta + x2)) / x;
        double expected = x * Math.Sqrt((x4 - beta) / (x4 + beta * x2)) * Math.Sqrt((x4 - beta) / (x4 + x2));
        Assert.Equal(expected, OptimalShrinkage.Frobenius(y, beta), 12);
    }

    [Fact]
    public void NoiseSigmaSetsTheThresholdToLambdaStarRootNSigma()
    {
        var y = Noisy(60, 150, rank: 3, noise: 0.7, seed: 1).Y;
        double[] s = ExactSvd.Values(y);
        double beta = 60.0 / 150, lambda = Math.Sqrt(2 * (beta + 1) + 8 * beta / (beta + 1 + Math.Sqrt(beta * beta + 14 * beta + 1)));
        foreach (double sigma in new[] { 0.35, 0.7, 1.0 })
        {
            var d = RankRule.AutoDenoise(sigma).Denoise(s, 60, 150);
            double tau = lambda * Math.Sqrt(150) * sigma;
            Assert.Equal(tau, d.Threshold, 10);
            Assert.Equal(s.Count(v => v > tau), d.Kept);
            Assert.False(d.NoiseEstimated);
            Assert.Equal(sigma, d.NoiseSigma);
        }
        // β = 1: λ* = 4/√3.
        Assert.Equal(4 / Math.Sqrt(3) * 10 * 0.5, GavishDonoho.KnownNoiseThreshold(100, 100, 0.5), 12);
        // A larger σ keeps fewer values.
        Assert.True(RankRule.AutoDenoise(1.0).Denoise(s, 60, 150).Kept < RankRule.AutoDenoise(0.35).Denoise(s, 60, 150).Kept);
    }

    [Fact]
    public void UnknownNoiseThresholdIsOmegaTimesTheMedianAndEstimatesSigma()
    {
        var y = Noisy(80, 200, rank: 4, noise: 0.5, seed: 2).Y;
        double[] s = ExactSvd.Values(y);
        double median = s.Order().ElementAt(s.Length / 2 - 1) / 2 + s.Order().ElementAt(s.Length / 2) / 2;
        var d = RankRule.AutoDenoise().Denoise(s, 80, 200);
        Assert.Equal(GavishDonoho.Omega(80.0 / 200) * median, d.Threshold, 9);
        Assert.True(d.NoiseEstimated);
        Assert.InRange(d.NoiseSigma, 0.45, 0.55);
    }

    [Fact]
    public void ShrinkageErrsLessThanHardThresholdingOnLowRankPlusNoise()
    {
        // Signals near the detection edge, where hard thresholding either drops a spike or keeps it unshrunk.
        var (y, x) = Noisy(200, 300, rank: 8, noise: 1, seed: 3);
        foreach (double? sigma in new double?[] { null, 1.0 })
        {
            double hard = Error(LowRankApproximator.Approximate(y, RankRule.AutoDenoise(sigma), SvdMethod.Exact), x);
            double shrink = Error(LowRankApproximator.Approximate(y, RankRule.Shrink(sigma), SvdMethod.Exact), x);
            double bestFixed = Enumerable.Range(1, 20).Min(k => Error(LowRankApproximator.Approximate(y, RankRule.Fixed(k), SvdMethod.Exact), x));
            Assert.True(shrink < hard, $"σ = {sigma}: shrink {shrink} vs hard {hard}");
            Assert.True(shrink < bestFixed, $"σ = {sigma}: shrink {shrink} vs best fixed k {bestFixed}");
        }
    }

    [Fact]
    public void TheShrunkApproximationHoldsTheShrunkValuesAndReportsItsOwnErrors()
    {
        var y = Noisy(70, 90, rank: 5, noise: 1, seed: 4).Y;
        foreach (var method in new[] { SvdMethod.Exact, SvdMethod.Randomized })
        {
            var a = LowRankApproximator.Approximate(y, RankRule.Shrink(), method);
            var d = a.Denoising!;
            Assert.Equal(RankRuleKind.Shrink, d.Rule);
            Assert.Equal(d.Kept, a.Rank);
            Assert.Equal(d.Denoised, a.S);
            Assert.All(d.Denoised.Zip(d.Original), p => Assert.True(p.First < p.Second));
            var residual = y.Clone();
            var approx = a.Reconstruct();
            for (int i = 0; i < residual.Data.Length; i++) residual.Data[i] -= approx.Data[i];
            Assert.Equal(residual.FrobeniusNorm() / y.FrobeniusNorm(), a.RelErrorFrobenius, 8);
            if (method == SvdMethod.Exact)
                Assert.Equal(ExactSvd.Values(residual)[0] / ExactSvd.Values(y)[0], a.RelErrorSpectral, 8);
        }
    }

    /// <summary>
    /// Off dense storage the error comes from ‖A‖_F² and the method's own values, not from a product with A: with shrunk
    /// (or thresholded) values in place it must still equal the explicit residual of what is stored.
    /// </summary>
    [Theory]
    [InlineData(RankRuleKind.Shrink, SvdMethod.Randomized)]
    [InlineData(RankRuleKind.Shrink, SvdMethod.Lanczos)]
    [InlineData(RankRuleKind.AutoDenoise, SvdMethod.Randomized)]
    [InlineData(RankRuleKind.AutoDenoise, SvdMethod.Lanczos)]
    public void DenoisedErrorsOnSparseStorageEqualTheExplicitResidual(RankRuleKind kind, SvdMethod method)
    {
        var y = Noisy(70, 90, rank: 5, noise: 1, seed: 4).Y;
        var rows = new List<int>();
        var cols = new List<int>();
        for (int j = 0; j < y.Cols; j++)
            for (int i = 0; i < y.Rows; i++)
            {
                rows.Add(i);
                cols.Add(j);
            }
        var sparse = LowRank.Linalg.Sparse.CsrMatrix.FromCoordinates(y.Rows, y.Cols, rows.ToArray(), cols.ToArray(), y.Data);
        var a = LowRankApproximator.Approximate(sparse, kind == RankRuleKind.Shrink ? RankRule.Shrink() : RankRule.AutoDenoise(), method);
        var residual = y.Clone();
        var approx = a.Reconstruct();
        for (int i = 0; i < residual.Data.Length; i++) residual.Data[i] -= approx.Data[i];
        Assert.Equal(residual.FrobeniusNorm() / y.FrobeniusNorm(), a.RelErrorFrobenius, 7);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANoiseLevelThatIsNotPositiveIsBadInput(double sigma)
    {
        Assert.Throws<InvalidInputException>(() => RankRule.Shrink(sigma));
        Assert.Throws<InvalidInputException>(() => RankRule.AutoDenoise(sigma));
    }

    [Fact]
    public void PureNoiseLeavesNothingToShrink()
    {
        double[] flat = Enumerable.Repeat(1.0, 50).ToArray();
        Assert.Throws<InvalidInputException>(() => RankRule.Shrink().Denoise(flat, 50, 50));
    }

    /// <summary>‖Â − X‖_F / ‖X‖_F.</summary>
    private static double Error(RankKApproximation a, Matrix x)
    {
        var r = a.Reconstruct();
        for (int i = 0; i < r.Data.Length; i++) r.Data[i] -= x.Data[i];
        return r.FrobeniusNorm() / x.FrobeniusNorm();
    }

    /// <summary>
    /// Y = X + σZ with Z Gaussian and X of the given rank, its singular values x_j·√n·σ spread from 3 down to just above
    /// the detection edge x = β^¼ (below it no method can see a spike); returns (Y, X).
    /// </summary>
    private static (Matrix Y, Matrix X) Noisy(int m, int n, int rank, double noise, int seed)
    {
        var rng = new Random(seed);
        var backend = Backends.Current;
        var u = backend.OrthonormalColumns(Gaussian.Matrix(m, rank, rng));
        var v = backend.OrthonormalColumns(Gaussian.Matrix(n, rank, rng));
        double scale = Math.Sqrt(Math.Max(m, n)) * noise;
        double beta = (double)Math.Min(m, n) / Math.Max(m, n);
        for (int j = 0; j < rank; j++)
        {
            // Signal x_j (in units of √n·σ) from 3 down to just above the detection edge β^¼.
            double xj = Math.Pow(beta, 0.25) + (3 - Math.Pow(beta, 0.25)) * (rank - j) / rank;
            foreach (ref double e in u.Column(j)) e *= xj * scale;
        }
        var x = backend.Multiply(u, v, transB: true);
        var z = Gaussian.Matrix(m, n, rng);
        var y = x.Clone();
        for (int i = 0; i < y.Data.Length; i++) y.Data[i] += noise * z.Data[i];
        return (y, x);
    }
}
