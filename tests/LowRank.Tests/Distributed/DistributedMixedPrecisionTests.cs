using LowRank.Decompositions;
using LowRank.Distributed;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>The mixed-precision randomized SVD on rows spread over 1–3 "processes" (threads): the single-process mixed result, and the same fallback.</summary>
public class DistributedMixedPrecisionTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    private static DistributedSvd[] OnProcesses(Matrix a, int processes, int k, RandomizedSvdOptions options) =>
        ThreadGroup.Run(processes, world =>
        {
            var block = RowBlock.For(a.Rows, world.Rank, world.Size);
            return DistributedRandomizedSvd.Compute(new MeteredOperator(DistributedFixtures.Rows(a, block.Start, block.Count)), block, a.Rows, k,
                options, world, Backend);
        });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MixedOnPProcessesAgreesWithTheSingleProcessMixedAndDoubleRuns(int processes)
    {
        // σ_j = 0.8^j for j < 60: σ_l/σ_1 = 0.8^14 ≈ 0.04 for l = 5 + 10
        var a = DistributedFixtures.Geometric(3_000, 120, 60, seed: 9);
        var options = new RandomizedSvdOptions(PowerIterations: 3, Seed: 6, Precision: SketchPrecision.Mixed);
        var single = RandomizedSvd.Compute(a, 5, options, Backend);
        var dbl = RandomizedSvd.Compute(a, 5, options with { Precision = SketchPrecision.Double }, Backend);
        foreach (var svd in OnProcesses(a, processes, 5, options))
        {
            Assert.Equal(SketchPrecision.Mixed, svd.Precision);
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(single.S[i], svd.S[i], 1e-9 * single.S[0]);
                Assert.Equal(dbl.S[i], svd.S[i], 1e-9 * dbl.S[0]);
            }
        }
    }

    [Fact]
    public void ASteepSpectrumFallsBackToTheFloat64RunOnEveryProcess()
    {
        // σ_j = 0.8^j for j < 60 but l = 50 + 10: σ_l/σ_1 = 0.8^59 ≈ 2e-6, below the 1e-5 float32 can resolve
        var a = DistributedFixtures.Geometric(2_000, 150, 60, seed: 3);
        var options = new RandomizedSvdOptions(PowerIterations: 2, Seed: 1);
        var dbl = OnProcesses(a, 2, 50, options);
        var mixed = OnProcesses(a, 2, 50, options with { Precision = SketchPrecision.Mixed });
        for (int r = 0; r < 2; r++)
        {
            Assert.Equal(SketchPrecision.Double, mixed[r].Precision);
            Assert.Contains("every pass ran again in float64", mixed[r].PrecisionNote);
            Assert.Equal(dbl[r].S, mixed[r].S);
        }
    }
}
