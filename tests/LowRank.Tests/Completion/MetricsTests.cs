using LowRank.Completion.Evaluation;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>The metrics on cases small enough to compute by hand.</summary>
public class MetricsTests
{
    [Fact]
    public void RmseAndMae()
    {
        double[] actual = [1, 2, 3], predicted = [1, 3, 5];
        Assert.Equal(Math.Sqrt(5.0 / 3), AccuracyMetrics.Rmse(actual, predicted), 12);
        Assert.Equal(1.0, AccuracyMetrics.Mae(actual, predicted), 12);
    }

    /// <summary>
    /// User 0 ranks items 0 (rel), 1, 3 (rel), 2 (rel): top-2 recommends 0 and 1 (both predicted ≥ 4), one hit, three
    /// relevant: precision 1/2, recall 1/3, NDCG 1/(1 + 1/log₂3). User 1 ranks 6 (predicted 4.1, not relevant), 5:
    /// precision 0, recall 0 (no relevant item), and no NDCG (no relevant item).
    /// </summary>
    [Fact]
    public void PrecisionRecallNdcgAtTwo()
    {
        int[] users = [0, 0, 0, 0, 1, 1];
        int[] items = [0, 1, 2, 3, 5, 6];
        double[] actual = [5, 2, 4, 4.5, 1, 3];
        double[] predicted = [4.5, 4.2, 3.0, 4.0, 2, 4.1];
        var scores = RankingMetrics.Compute(users, items, actual, predicted, n: 2, threshold: 4);
        Assert.Equal(0.25, scores.Precision, 12);
        Assert.Equal(1.0 / 6, scores.Recall, 12);
        Assert.Equal(1 / (1 + 1 / Math.Log2(3)), scores.Ndcg, 12);
    }

    [Fact]
    public void APerfectRankingHasNdcgOne()
    {
        var scores = RankingMetrics.Compute([0, 0, 0], [0, 1, 2], [5, 4, 1], [4.9, 4.1, 1.2], n: 3, threshold: 4);
        Assert.Equal(1.0, scores.Ndcg, 12);
        Assert.Equal(1.0, scores.Precision, 12);
        Assert.Equal(1.0, scores.Recall, 12);
    }
}
