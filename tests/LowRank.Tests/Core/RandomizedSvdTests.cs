using LowRank.Approximation;
using LowRank.Decompositions;
using Xunit;

namespace LowRank.Tests.Core;

public class RandomizedSvdTests
{
    /// <summary>
    /// Documented tolerance: on σ_i = 1/i plus noise 1e-4 (the benchmark's family), with p = 10 and the default q,
    /// the leading singular values agree with dgesdd to 1e-6 relative and the Frobenius error is within 0.1 % of
    /// the Eckart–Young optimum.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void MatchesExactSvdOnLowRankPlusNoise(string backendName)
    {
        var backend = TestMatrices.Backend(backendName);
        var a = TestMatrices.LowRankPlusNoise(300, 200, 40, 1e-4, 31);
        var exact = ExactSvd.Compute(a, true, backend);
        const int k = 10;
        var randomized = RandomizedSvd.Compute(a, k, new RandomizedSvdOptions(Seed: 5), backend);
        Assert.Equal(SvdMethod.Randomized, randomized.Method);
        for (int i = 0; i < k; i++)
            Assert.True(Math.Abs(randomized.S[i] - exact.S[i]) <= 1e-6 * exact.S[i], $"σ_{i + 1}: {randomized.S[i]} vs {exact.S[i]}");
        double optimal = LowRankApproximator.TailNorm(exact.S, k);
        double achieved = ResidualNorms.Frobenius(a, randomized.U!, randomized.S, randomized.VT!, backend);
        Assert.True(achieved <= 1.001 * optimal, $"Frobenius error {achieved} vs optimal {optimal}");
    }

    [Fact]
    public void IsDeterministicForASeedAndDiffersAcrossSeeds()
    {
        var a = TestMatrices.Random(120, 90, 32);
        var r1 = RandomizedSvd.Compute(a, 5, new RandomizedSvdOptions(PowerIterations: 0, Seed: 1));
        var r2 = RandomizedSvd.Compute(a, 5, new RandomizedSvdOptions(PowerIterations: 0, Seed: 1));
        var r3 = RandomizedSvd.Compute(a, 5, new RandomizedSvdOptions(PowerIterations: 0, Seed: 2));
        Assert.Equal(r1.S, r2.S);
        Assert.NotEqual(r1.S, r3.S);
    }

    [Fact]
    public void ValuesOnlyGivesTheSameValuesWithoutVectors()
    {
        var a = TestMatrices.LowRankPlusNoise(300, 120, 20, 1e-3, 34);
        var options = new RandomizedSvdOptions(Seed: 5, PowerIterations: 2);
        var full = SvdSolver.Compute(a, 7, SvdMethod.Randomized, options);
        var values = SvdSolver.Compute(a, 7, SvdMethod.Randomized, options, computeVectors: false);
        Assert.Null(values.U);
        Assert.Null(values.VT);
        Assert.Equal(full.S, values.S);
    }

    [Fact]
    public void PowerIterationsImproveTheSketchOfASlowlyDecayingSpectrum()
    {
        var a = TestMatrices.Random(200, 150, 33);
        var exact = ExactSvd.Values(a);
        double Error(int q)
        {
            var r = RandomizedSvd.Compute(a, 5, new RandomizedSvdOptions(PowerIterations: q, Seed: 3));
            return ResidualNorms.Frobenius(a, r.U!, r.S, r.VT!, LowRank.Linalg.Backends.Current) / LowRankApproximator.TailNorm(exact, 5);
        }
        double e0 = Error(0), e4 = Error(4);
        Assert.True(e4 < e0, $"q = 4 ({e4}) should beat q = 0 ({e0})");
        Assert.True(e4 >= 1 - 1e-12, "no method beats the optimum");
    }

    [Fact]
    public void DefaultPowerIterationsFollowScikitLearnsRule()
    {
        var options = new RandomizedSvdOptions();
        Assert.Equal(7, options.PowerIterationsFor(10, 4000, 4000));
        Assert.Equal(4, options.PowerIterationsFor(400, 4000, 4000));
        Assert.Equal(2, (options with { PowerIterations = 2 }).PowerIterationsFor(10, 4000, 4000));
    }

    [Fact]
    public void AutoPicksRandomizedOnlyForSmallRanksOfLargeMatrices()
    {
        Assert.Equal(SvdMethod.Randomized, SvdSolver.Resolve(SvdMethod.Auto, 2000, 1000, 100));
        Assert.Equal(SvdMethod.Exact, SvdSolver.Resolve(SvdMethod.Auto, 2000, 1000, 101));
        Assert.Equal(SvdMethod.Exact, SvdSolver.Resolve(SvdMethod.Auto, 499, 5000, 10));
        Assert.Equal(SvdMethod.Exact, SvdSolver.Resolve(SvdMethod.Auto, 2000, 1000, null));
        Assert.Equal(SvdMethod.Randomized, SvdSolver.Resolve(SvdMethod.Randomized, 10, 10, 2));
    }

    [Fact]
    public void FallsBackToExactWhenTheSketchWouldBeAsLargeAsTheMatrix()
    {
        var a = TestMatrices.Random(30, 12, 34);
        var r = RandomizedSvd.Compute(a, 3);
        Assert.Equal(SvdMethod.Exact, r.Method);
        var exact = ExactSvd.Values(a);
        for (int i = 0; i < 3; i++) Assert.Equal(exact[i], r.S[i], 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void RankOutsideOneToMinDimensionIsBadInput(int k) =>
        Assert.Throws<InvalidInputException>(() => SvdSolver.Compute(TestMatrices.Random(20, 12, 35), k));
}
