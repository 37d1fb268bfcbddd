using LowRank.Completion;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>Recommendation ranks by the unclipped estimate: items predicted above the scale are not tied at its top.</summary>
public class RecommendOrderTests
{
    /// <summary>Estimates 3, 4, …, 8 for items 0..5: four of them above the scale's 5.</summary>
    private sealed class RisingEstimates : RatingPredictor
    {
        public override string Name => "rising";

        protected override void FitCore(RatingSet train, CancellationToken cancellationToken) { }

        protected override double PredictRaw(int user, int item) => 3 + item;
    }

    [Fact]
    public void ItemsPredictedAboveTheScaleRankByTheirUnclippedEstimateAndShowTheClippedScore()
    {
        var train = new RatingSet(2, 6, [0, 1], [0, 1], [4, 2], new RatingScale(1, 5));
        var model = new RisingEstimates();
        model.Fit(train);
        var top = model.Recommend(0, 3);
        // Clipped scores tie items 2..5 at 5, and the tie-break by index would list 2, 3, 4.
        Assert.Equal([5, 4, 3], top.Select(s => s.Item));
        Assert.All(top, s => Assert.Equal(5, s.Score));
        Assert.DoesNotContain(0, model.Recommend(0, 10).Select(s => s.Item)); // user 0 rated item 0
    }
}
