using LowRank.Completion;
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
    /// Seven items, N = 3, relevant = held-out rating ≥ 4. User 0 trained on item 0; held out 1 (5), 3 (4), 4 (2), so
    /// relevant {1, 3}. Scores of the unseen items 1..6: 5, 6, 2, 4, 6, −1 → ranking 2, 5 (tie with 2: lower index
    /// first), 1, 4, 3, 6 → top-3 [2, 5, 1], one hit at position 3: precision 1/3, recall 1/2, AP (1/3)/2 = 1/6,
    /// NDCG (1/log₂4)/(1 + 1/log₂3). User 1 trained on 1 and 2; held out 0 (4) and 5 (4.5): relevant {0, 5}. Unseen
    /// scores 0: 3, 3: 1, 4: 2, 5: 0, 6: −1 → top-3 [0, 4, 3], a hit at position 1: precision 1/3, recall 1/2,
    /// AP 1/2, NDCG 1/(1 + 1/log₂3). User 2 has no relevant held-out item and is skipped. Coverage: {0, 1, 2, 3, 4, 5}
    /// of 7 items.
    /// </summary>
    [Fact]
    public void TopNOverTheWholeCatalogueByHand()
    {
        var scale = new RatingScale(1, 5);
        var train = new RatingSet(3, 7, [0, 1, 1], [0, 1, 2], [3, 3, 3], scale);
        var test = new RatingSet(3, 7, [0, 0, 0, 1, 1, 2], [1, 3, 4, 0, 5, 3], [5, 4, 2, 4, 4.5, 3], scale);
        var scorer = new FixedScorer(new double[,]
        {
            { 9, 5, 6, 2, 4, 6, -1 },
            { 3, 10, 10, 1, 2, 0, -1 },
            { 0, 0, 0, 0, 0, 0, 0 },
        });
        var s = TopNMetrics.Compute(scorer, train, test, n: 3, threshold: 4);
        double ideal = 1 + 1 / Math.Log2(3);
        Assert.Equal(2, s.Users);
        Assert.Equal(1.0 / 3, s.Precision, 12);
        Assert.Equal(0.5, s.Recall, 12);
        Assert.Equal((1.0 / 6 + 0.5) / 2, s.Map, 12);
        Assert.Equal((0.5 / ideal + 1 / ideal) / 2, s.Ndcg, 12);
        Assert.Equal(1.0, s.HitRate, 12);
        Assert.Equal(6.0 / 7, s.Coverage, 12);
    }

    [Fact]
    public void APerfectRankingScoresOne()
    {
        var scale = new RatingScale(1, 5);
        var train = new RatingSet(1, 4, [0], [3], [1], scale);
        var test = new RatingSet(1, 4, [0, 0, 0], [0, 1, 2], [5, 4, 1], scale);
        var s = TopNMetrics.Compute(new FixedScorer(new double[,] { { 4.9, 4.1, 1.2, 9 } }), train, test, n: 2, threshold: 4);
        Assert.Equal(1.0, s.Ndcg, 12);
        Assert.Equal(1.0, s.Precision, 12);
        Assert.Equal(1.0, s.Recall, 12);
        Assert.Equal(1.0, s.Map, 12);
    }

    [Fact]
    public void NoRelevantHeldOutItemLeavesTheScoresUndefined()
    {
        var scale = new RatingScale(1, 5);
        var train = new RatingSet(1, 3, [0], [0], [5], scale);
        var test = new RatingSet(1, 3, [0], [1], [2], scale);
        var s = TopNMetrics.Compute(new FixedScorer(new double[,] { { 1, 2, 3 } }), train, test, n: 2, threshold: 4);
        Assert.Equal(0, s.Users);
        Assert.True(double.IsNaN(s.Ndcg));
    }

    [Fact]
    public void BestKeepsTheHighestScoresTiesByIndexAndSkipsExcludedItems()
    {
        double[] scores = [1, 7, double.NaN, 7, 3, 9, 7];
        bool[] excluded = [false, false, false, false, false, true, false];
        var top = new int[4];
        Assert.Equal(4, TopNMetrics.Best(scores, excluded, top));
        Assert.Equal([1, 3, 6, 4], top);
        var all = new int[10];
        Assert.Equal(6, TopNMetrics.Best(scores, excluded, all));
        Assert.Equal(2, all[5]); // NaN ranks last
    }

    [Fact]
    public void PopularityRanksByTrainingCounts()
    {
        var train = new RatingSet(3, 3, [0, 1, 2, 0], [1, 1, 1, 2], [1, 1, 1, 1], new RatingScale(0, 1));
        var scores = new double[3];
        new PopularityScorer(train).ScoreItems(2, scores);
        Assert.Equal([0.0, 3, 1], scores);
    }

    /// <summary>A scorer that returns a fixed users × items table.</summary>
    private sealed class FixedScorer(double[,] table) : IItemScorer
    {
        public int UserCount => table.GetLength(0);

        public int ItemCount => table.GetLength(1);

        public void ScoreItems(int user, Span<double> scores)
        {
            for (int i = 0; i < scores.Length; i++) scores[i] = table[user, i];
        }
    }
}
