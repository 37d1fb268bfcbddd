using LowRank.Completion;
using Xunit;
using Xunit.Abstractions;

namespace LowRank.Tests.Completion;

/// <summary>A random rank-5 200×300 matrix with 30 % of its entries observed is recovered to 10⁻³ (all entries).</summary>
public class ExactRecoveryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.8)]
    public void HardImpute(double momentum)
    {
        var (full, observed) = CompletionFixtures.RandomLowRank(200, 300, 5, 0.3, seed: 1);
        var method = new HardImputePredictor(HardImputeOptions.ExactCompletion with { Rank = 5, Fill = FillMode.Global, Tolerance = 1e-9, Momentum = momentum });
        method.Fit(observed);
        double error = CompletionFixtures.RelativeError(method.PredictAll(), full);
        output.WriteLine($"hard-impute (momentum {momentum}): {method.Trace!.Iterations} iterations, relative error {error:E2}");
        Assert.True(error <= 1e-3, $"relative error {error}");
    }

    [Fact]
    public void SoftImpute()
    {
        var (full, observed) = CompletionFixtures.RandomLowRank(200, 300, 5, 0.3, seed: 1);
        var method = new SoftImputePredictor(SoftImputeOptions.ExactCompletion with { Rank = 5, Center = false });
        method.Fit(observed);
        double error = CompletionFixtures.RelativeError(method.PredictAll(), full);
        output.WriteLine($"soft-impute: {method.Trace!.Iterations} iterations, relative error {error:E2}");
        Assert.True(error <= 1e-3, $"relative error {error}");
    }
}
