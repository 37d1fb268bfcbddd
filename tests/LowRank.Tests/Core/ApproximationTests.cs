using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Core;

public class ApproximationTests
{
    [Fact]
    public void RandomizedResultReportsTheErrorsOfTheComputedApproximation()
    {
        var backend = Backends.Current;
        var a = TestMatrices.LowRankPlusNoise(700, 600, 30, 1e-3, 41);
        var approx = LowRankApproximator.Approximate(a, RankRule.Fixed(20), SvdMethod.Auto, backend: backend);
        Assert.Equal(SvdMethod.Randomized, approx.Method);
        Assert.True(approx.SpectralErrorEstimated);
        Assert.Null(approx.Spectrum);

        var residual = a.Clone();
        var ak = approx.Reconstruct(backend);
        for (int i = 0; i < residual.Data.Length; i++) residual.Data[i] -= ak.Data[i];
        Assert.Equal(residual.FrobeniusNorm() / a.FrobeniusNorm(), approx.RelErrorFrobenius, 10);
        double trueSpectral = ExactSvd.Values(residual)[0] / ExactSvd.Values(a)[0];
        Assert.True(Math.Abs(approx.RelErrorSpectral - trueSpectral) <= 0.02 * trueSpectral,
            $"power-iteration estimate {approx.RelErrorSpectral} vs {trueSpectral}");
        Assert.True(approx.RelErrorSpectral <= trueSpectral * (1 + 1e-9), "the estimate is a lower bound");
    }

    [Fact]
    public void ExactResultReadsErrorsFromTheSpectrum()
    {
        var a = TestMatrices.Random(40, 30, 42);
        var s = ExactSvd.Values(a);
        var approx = LowRankApproximator.Approximate(a, RankRule.Fixed(7), SvdMethod.Exact);
        Assert.Equal(s[7], approx.SigmaNext, 12);
        Assert.Equal(s[7] / s[0], approx.RelErrorSpectral, 12);
        Assert.Equal(LowRankApproximator.TailNorm(s, 7) / a.FrobeniusNorm(), approx.RelErrorFrobenius, 12);
        Assert.Equal(7 * (40 + 30 + 1), approx.StoredNumbers);
        Assert.Equal(30, approx.NumericalRank);
        Assert.Equal(7, approx.ApproximationRank);
    }

    [Fact]
    public void OneExactSvdServesEveryRankAndEveryRule()
    {
        var a = TestMatrices.Random(50, 35, 46);
        var full = ExactSvd.Compute(a);
        foreach (int k in new[] { 1, 10, 35 })
        {
            var reused = LowRankApproximator.FromExactSvd(a, full, k);
            var direct = LowRankApproximator.Approximate(a, RankRule.Fixed(k), SvdMethod.Exact);
            Assert.Equal(direct.RelErrorFrobenius, reused.RelErrorFrobenius, 14);
            Assert.Equal(direct.SigmaNext, reused.SigmaNext, 14);
            Assert.True(TestMatrices.MaxAbsDiff(direct.Reconstruct(), reused.Reconstruct()) < 1e-12);
        }
        var byEnergy = LowRankApproximator.Approximate(a, RankRule.Energy(0.5), SvdMethod.Exact);
        Assert.Equal(RankSelection.ByEnergy(full.S, 0.5), byEnergy.Rank);
        Assert.Equal(full.S, byEnergy.Spectrum);
        Assert.Throws<ArgumentException>(() => LowRankApproximator.FromExactSvd(a, full.Truncate(5), 2));
    }

    [Fact]
    public void EnergyRuleChoosesTheSmallestSufficientRank()
    {
        double[] sigma = [4, 2, 1, 1];   // energies 16, 4, 1, 1 of 22
        Assert.Equal(1, RankSelection.ByEnergy(sigma, 16.0 / 22));
        Assert.Equal(2, RankSelection.ByEnergy(sigma, 16.5 / 22));
        Assert.Equal(2, RankSelection.ByEnergy(sigma, 20.0 / 22));
        Assert.Equal(3, RankSelection.ByEnergy(sigma, 20.5 / 22));
        Assert.Equal(4, RankSelection.ByEnergy(sigma, 1.0));
    }

    [Fact]
    public void RatioRuleComparesHeadAndTailSums()
    {
        double[] sigma = [4, 2, 1, 1];   // head/tail: 4/4, 6/2, 7/1
        Assert.Equal(1, RankSelection.ByRatio(sigma, 1));
        Assert.Equal(2, RankSelection.ByRatio(sigma, 1.01));
        Assert.Equal(2, RankSelection.ByRatio(sigma, 3));
        Assert.Equal(3, RankSelection.ByRatio(sigma, 3.5));
        Assert.Equal(4, RankSelection.ByRatio(sigma, 100));
    }

    [Fact]
    public void GavishDonohoOmegaMatchesThePublishedValueAndCubicFit()
    {
        // Gavish & Donoho 2014, Table IV: ω(1) ≈ 2.858; and their fit 0.56β³ − 0.95β² + 1.82β + 1.43.
        Assert.Equal(2.858, GavishDonoho.Omega(1), 3);
        Assert.Equal(4 / Math.Sqrt(3), GavishDonoho.LambdaStar(1), 12);
        foreach (double beta in new[] { 0.05, 0.1, 0.25, 0.5, 0.75, 1.0 })
        {
            double fit = 0.56 * beta * beta * beta - 0.95 * beta * beta + 1.82 * beta + 1.43;
            Assert.True(Math.Abs(GavishDonoho.Omega(beta) - fit) < 0.02, $"β = {beta}: {GavishDonoho.Omega(beta)} vs fit {fit}");
        }
        // Marchenko–Pastur medians computed independently with scipy (brentq on quad of the density).
        Assert.Equal(0.6527759, GavishDonoho.MarchenkoPasturMedian(1), 5);
        Assert.Equal(0.8304659, GavishDonoho.MarchenkoPasturMedian(0.5), 5);
        Assert.Equal(0.9160041, GavishDonoho.MarchenkoPasturMedian(0.25), 5);
    }

    [Fact]
    public void AutoDenoiseRecoversTheRankOfSignalPlusNoise()
    {
        // Rank 5 with singular values 40…20 in 200×100 Gaussian noise of level 1/√200: the noise edge is 1+√(1/2) ≈ 1.7.
        var rng = new Random(43);
        var backend = Backends.Current;
        var u = backend.OrthonormalColumns(Gaussian.Matrix(200, 5, rng));
        var v = backend.OrthonormalColumns(Gaussian.Matrix(100, 5, rng));
        for (int j = 0; j < 5; j++) foreach (ref double x in u.Column(j)) x *= 40 - 5 * j;
        var a = backend.Multiply(u, v, transB: true);
        var noise = Gaussian.Matrix(200, 100, rng);
        for (int i = 0; i < a.Data.Length; i++) a.Data[i] += noise.Data[i] / Math.Sqrt(200);
        var approx = LowRankApproximator.Approximate(a, RankRule.AutoDenoise(), SvdMethod.Exact);
        Assert.Equal(5, approx.Rank);
    }

    [Fact]
    public void AutoDenoiseRefusesPureNoiseThatLeavesNothing()
    {
        double[] flat = Enumerable.Repeat(1.0, 50).ToArray();
        Assert.Throws<InvalidInputException>(() => RankSelection.ByGavishDonoho(flat, 50, 50));
    }

    [Fact]
    public void MissingEntriesPointToCompletion()
    {
        var a = TestMatrices.Random(5, 4, 44);
        a[2, 1] = double.NaN;
        var e = Assert.Throws<InvalidInputException>(() => LowRankApproximator.Approximate(a, RankRule.Fixed(1)));
        Assert.Contains("matrix completion", e.Message);
    }

    [Fact]
    public void ResidualNormsMatchTheExplicitResidual()
    {
        var backend = Backends.Current;
        var a = TestMatrices.Random(300, 520, 45);   // wider than one 256-column block
        var svd = RandomizedSvd.Compute(a, 4, new RandomizedSvdOptions(PowerIterations: 1, Seed: 2), backend);
        var residual = a.Clone();
        var ak = backend.Multiply(svd.U!, ResidualNorms.ScaledRows(svd.VT!, svd.S));
        for (int i = 0; i < residual.Data.Length; i++) residual.Data[i] -= ak.Data[i];
        Assert.Equal(residual.FrobeniusNorm(), ResidualNorms.Frobenius(a, svd.U!, svd.S, svd.VT!, backend), 9);
        double spectral = ExactSvd.Values(residual)[0];
        double estimate = ResidualNorms.SpectralEstimate(a, svd.U!, svd.S, svd.VT!, backend, maxIterations: 200, tolerance: 1e-10);
        Assert.True(Math.Abs(estimate - spectral) <= 0.01 * spectral, $"{estimate} vs {spectral}");
    }
}
