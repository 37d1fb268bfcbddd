using LowRank.Completion;
using Xunit;
using Xunit.Abstractions;

namespace LowRank.Tests.Completion;

/// <summary>The lecture's 3×5 ratings table: rank-1 iterative methods recover its unique rank-1 completion.</summary>
public class LectureExampleTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.8)]
    public void HardImputeRecoversTheRankOneCompletion(double momentum)
    {
        var method = new HardImputePredictor(HardImputeOptions.ExactCompletion with { Rank = 1, Fill = FillMode.Global, Momentum = momentum });
        method.Fit(LectureExample.Set);
        double error = Tests.Core.TestMatrices.MaxAbsDiff(method.PredictAll(), LectureExample.RankOneCompletion);
        output.WriteLine($"hard-impute (momentum {momentum}): {method.Trace!.Iterations} iterations, converged {method.Trace.Converged}, max error {error:E2}");
        Assert.True(method.Trace.Converged);
        Assert.True(error < 1e-6, $"max error {error}");
    }

    [Fact]
    public void AlsWithoutBiasesOrRegularisationRecoversIt()
    {
        var method = new AlsPredictor(new AlsOptions(Rank: 1, Lambda: 0, Epochs: 10_000, Tolerance: 1e-15, Biases: false));
        method.Fit(LectureExample.Set);
        double error = Tests.Core.TestMatrices.MaxAbsDiff(method.PredictAll(), LectureExample.RankOneCompletion);
        output.WriteLine($"als: {method.Trace!.Iterations} sweeps, max error {error:E2}");
        Assert.True(error < 1e-6, $"max error {error}");
    }

    [Fact]
    public void MeanSvdKeepsTheShapeButNotTheValues()
    {
        var method = new MeanSvdPredictor(new MeanSvdOptions(Rank: 1, Fill: FillMode.Global));
        method.Fit(LectureExample.Set);
        var completed = method.PredictAll();
        Assert.Equal(3, completed.Rows);
        Assert.Equal(5, completed.Cols);
        // One SVD of the mean-filled table is only an approximation of the rank-1 completion.
        Assert.True(Tests.Core.TestMatrices.MaxAbsDiff(completed, LectureExample.RankOneCompletion) > 0.1);
    }
}
