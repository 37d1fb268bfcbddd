using LowRank.Completion;
using LowRank.Completion.Saved;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>The saved factor model: estimates and fallbacks, fold-in against the training step, batched top-N, similarity.</summary>
public class SavedRecommenderTests
{
    private static string[] Ids(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}{i}").ToArray();

    private static SavedRecommender Fit(IRatingPredictor predictor, RatingSet set)
    {
        predictor.Fit(set);
        return SavedRecommenders.From(predictor, Ids("u", set.UserCount), Ids("i", set.ItemCount));
    }

    private static (int[] Items, double[] Ratings) RatingsOf(RatingSet set, int user)
    {
        var entries = set.EntriesOfUser(user).ToArray();
        return (entries.Select(e => set.Items[e]).ToArray(), entries.Select(e => set.Values[e]).ToArray());
    }

    /// <summary>Two users, three items, rank 2, hand-set: r̂ = μ + b_u + b_i + p_uᵀq_i; user 1 and item 2 have no training rating.</summary>
    private static SavedRecommender Hand(bool biases = true) => new("als", "", new RatingScale(1, 5), mean: 3, biases, rank: 2,
        new FoldInRule(1, 0), userBias: [0.5, 0.25], itemBias: [-0.5, 1, 2], userFactors: [1, 2, 7, 7], itemFactors: [0.5, 0.25, -1, 1, 9, 9],
        userIds: ["a", "b"], itemIds: ["x", "y", "z"], ratedStart: [0, 2, 2], ratedItems: [0, 1]);

    [Fact]
    public void EstimatesAreTheBiasedFactorModelAndColdStartFallsBackToTheBaselineNeverZero()
    {
        var model = Hand();
        Assert.Equal(3 + 0.5 - 0.5 + (0.5 + 0.5), model.Estimate(0, 0), 12);
        Assert.Equal(3 + 0.5 + 1 + (-1 + 2), model.Estimate(0, 1), 12);
        Assert.Equal(5, model.Predict(0, 1));                  // 5.5 clipped to the scale
        Assert.Equal(3 + 0.5, model.Estimate(0, 2), 12);       // item without ratings: μ + b_u
        Assert.Equal(3 + 1, model.Estimate(1, 1), 12);         // user without ratings: μ + b_i
        Assert.Equal(3 + 1, model.Estimate(-1, 1), 12);        // user unknown to the model
        Assert.Equal(3, model.Estimate(-1, -1), 12);
        Assert.True(model.IsColdStart(1, 0) && model.IsColdStart(0, 2) && model.IsColdStart(-1, 0) && !model.IsColdStart(0, 1));
        var plain = Hand(biases: false);
        Assert.Equal(0.5 + 0.5, plain.Estimate(0, 0), 12);     // without biases a known pair is p_uᵀq_i
        Assert.Equal(3, plain.Estimate(1, 0), 12);             // and a cold pair the training mean, not 0
        var scores = new double[3];
        model.ScoreItems(0, scores);
        Assert.Equal([model.Estimate(0, 0), model.Estimate(0, 1), model.Estimate(0, 2)], scores);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FoldingInATrainingUserReproducesTheirTrainedAlsFactors(bool biases)
    {
        var set = SyntheticRatings.Generate(50, 40, rank: 3, density: 0.4, noise: 0.3, seed: 3);
        // Run the sweeps to convergence, so that the last user step was taken against (nearly) the final item factors.
        var model = Fit(new AlsPredictor(new AlsOptions(Rank: 3, Lambda: 0.5, Epochs: 400, Tolerance: 0, Biases: biases)), set);
        for (int u = 0; u < set.UserCount; u += 7)
        {
            var (items, ratings) = RatingsOf(set, u);
            var folded = model.FoldIn(items, ratings);
            Assert.Equal(model.UserBias[u], folded.Bias, 7);
            for (int f = 0; f < 3; f++) Assert.Equal(model.UserFactors[u * 3 + f], folded.Factors[f], 7);
            Assert.Equal(items.Order().ToArray(), folded.RatedItems);
        }
    }

    [Fact]
    public void FoldingInATrainingUserReproducesTheirBaselineBias()
    {
        var set = SyntheticRatings.Generate(30, 20, rank: 2, density: 0.5, noise: 0.3, seed: 8);
        var model = Fit(new BaselinePredictor(new BaselineOptions()), set);
        Assert.Equal(0, model.Rank);
        for (int u = 0; u < set.UserCount; u++)
        {
            var (items, ratings) = RatingsOf(set, u);
            Assert.Equal(model.UserBias[u], model.FoldIn(items, ratings).Bias, 10);
        }
    }

    [Fact]
    public void AFoldedInUserIsScoredAndRankedWithoutTheirRatedItems()
    {
        var set = SyntheticRatings.Generate(40, 30, rank: 2, density: 0.5, noise: 0.2, seed: 5);
        var model = Fit(new AlsPredictor(new AlsOptions(Rank: 2)), set);
        var folded = model.FoldIn([4, 1, 9], [5, 1, 4]);
        var list = model.Recommend(folded, 30);
        Assert.Equal(27, list.Length);
        Assert.DoesNotContain(list, s => s.Item is 1 or 4 or 9);
        var scores = new double[30];
        model.ScoreItems(folded, scores);
        Assert.All(list, s => Assert.Equal(scores[s.Item], s.Score));
        Assert.Throws<InvalidInputException>(() => model.FoldIn([0], [model.Scale.Max + 1]));
        var nobody = model.FoldIn([], []);
        Assert.Equal(model.Estimate(-1, 3), Score(model, nobody, 3), 12);
    }

    private static double Score(SavedRecommender model, FoldedUser user, int item)
    {
        var scores = new double[model.ItemCount];
        model.ScoreItems(user, scores);
        return scores[item];
    }

    [Theory]
    [InlineData("native")]
    [InlineData("managed")]
    public void RecommendAllEqualsOneUserAtATime(string backendName)
    {
        if (backendName == "native" && OpenBlasBackend.TryLoad(null, out _) is null) return;
        var backend = Backends.Create(backendName);
        var set = SyntheticRatings.Generate(70, 45, rank: 3, density: 0.3, noise: 0.3, seed: 11);
        var model = Fit(new AlsPredictor(new AlsOptions(Rank: 4)), set);
        foreach (var (minSupport, shrinkage) in new[] { (0, 0.0), (8, 0.0), (0, 10.0) })
        {
            var all = model.RecommendAll(6, minSupport, backend, shrinkage);
            for (int u = 0; u < set.UserCount; u++)
            {
                var one = model.Recommend(u, 6, minSupport, shrinkage);
                Assert.Equal(one.Select(s => s.Item), all[u].Select(s => s.Item));
                for (int r = 0; r < one.Length; r++) Assert.Equal(one[r].Score, all[u][r].Score, 10);
                Assert.All(all[u], s => Assert.True(model.Support(s.Item) >= minSupport));
                Assert.All(all[u], s => Assert.False(model.RatedItems(u).Contains(s.Item)));
            }
        }
    }

    [Fact]
    public void RecommendAllEqualsOneUserAtATimeOnBlocksLargeEnoughToSelectInParallel()
    {
        // 1,500 × 1,500 = 2.25M scores: past the threshold where the top-N selection runs on the thread pool.
        var set = SyntheticRatings.Generate(1500, 1500, rank: 2, density: 0.01, noise: 0.3, seed: 6);
        var model = Fit(new AlsPredictor(new AlsOptions(Rank: 2, Epochs: 3)), set);
        var all = model.RecommendAll(5, minSupport: 3);
        for (int u = 0; u < set.UserCount; u += 37)
            Assert.Equal(model.Recommend(u, 5, minSupport: 3).Select(s => s.Item), all[u].Select(s => s.Item));
    }

    [Fact]
    public void MinimumSupportKeepsTheOrderOfTheFullRankingAmongTheItemsItKeeps()
    {
        var set = SyntheticRatings.Generate(60, 50, rank: 2, density: 0.25, noise: 0.3, seed: 2);
        var model = Fit(new AlsPredictor(new AlsOptions(Rank: 2)), set);
        for (int u = 0; u < 60; u += 9)
        {
            var full = model.Recommend(u, 50);
            var expected = full.Where(s => model.Support(s.Item) >= 15).Take(5).ToArray();
            Assert.Equal(expected, model.Recommend(u, 5, minSupport: 15));
        }
    }

    [Fact]
    public void ShrinkageLetsAPopularItemOvertakeARarelyRatedOne()
    {
        // Biases only, μ = 3: item x (b = 1, rated once) against y (b = 0.6, rated three times); z has no ratings.
        var model = new SavedRecommender("baseline", "", new RatingScale(1, 5), 3, true, 0, new FoldInRule(1, 0), [0, 0, 0, 0],
            [0, 1, 0.6, 0], [], [], ["a", "b", "c", "d"], ["w", "x", "y", "z"], [0, 1, 3, 4, 5], [0, 1, 2, 2, 2]);
        Assert.Equal([new ScoredItem(1, 4), new ScoredItem(2, 3.6)], model.Recommend(0, 2));
        var mild = model.Recommend(0, 2, shrinkage: 1);          // x: 3 + 1·1/2, y: 3 + 0.6·3/4
        Assert.Equal([1, 2], mild.Select(s => s.Item));
        Assert.Equal([3.5, 3.45], mild.Select(s => Math.Round(s.Score, 12)));
        var strong = model.Recommend(0, 3, shrinkage: 3);        // x: 3 + 1·1/4, y: 3 + 0.6·3/6, z: μ
        Assert.Equal([2, 1, 3], strong.Select(s => s.Item));
        Assert.Equal([3.3, 3.25, 3], strong.Select(s => Math.Round(s.Score, 12)));
        Assert.Throws<InvalidInputException>(() => model.Recommend(0, 2, shrinkage: -1));
    }

    [Fact]
    public void TopNEqualsAFullSortWithTiesByItem()
    {
        var rng = new Random(4);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = rng.Next(1, 60), count = rng.Next(1, 12);
            var scores = Enumerable.Range(0, n).Select(_ => (double)rng.Next(0, 6)).ToArray();
            if (n > 3) scores[2] = double.NaN;
            var excluded = Enumerable.Range(0, n).Where(_ => rng.NextDouble() < 0.3).ToArray();
            var eligible = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.8).ToArray();
            var expected = Enumerable.Range(0, n)
                .Where(i => !excluded.Contains(i) && eligible[i] && !double.IsNaN(scores[i]))
                .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(count)
                .Select(i => new ScoredItem(i, scores[i])).ToArray();
            Assert.Equal(expected, TopN.Select(scores, excluded, eligible, count));
        }
    }

    [Fact]
    public void SimilarItemsRankByCosineBetweenItemFactors()
    {
        // Items w (1, 0), x (2, 2), y (0, −3), z (−1, 0.1); user a rated all four, user b only y and z (support 2).
        var model = new SavedRecommender("als", "", new RatingScale(1, 5), 3, true, 2, new FoldInRule(1, 0), [0, 0], [0, 0, 0, 0],
            [1, 1, 1, 1], [1, 0, 2, 2, 0, -3, -1, 0.1], ["a", "b"], ["w", "x", "y", "z"], [0, 4, 6], [0, 1, 2, 3, 2, 3]);
        var similar = model.SimilarItems(0, 3);
        Assert.Equal([1, 2, 3], similar.Select(s => s.Item));
        Assert.Equal(Math.Sqrt(0.5), similar[0].Score, 12);
        Assert.Equal(0, similar[1].Score, 12);
        Assert.Equal(-1 / Math.Sqrt(1.01), similar[2].Score, 12);
        Assert.Equal([2, 3], model.SimilarItems(0, 3, minSupport: 2).Select(s => s.Item));
        var baseline = Fit(new BaselinePredictor(new BaselineOptions()), SyntheticRatings.Generate(10, 8, 2, 0.5, 0.1, 1));
        Assert.Throws<InvalidInputException>(() => baseline.SimilarItems(0, 3));
    }

    [Fact]
    public void OnlyFactorModelsCanBeSaved()
    {
        Assert.Equal(["baseline", "als", "sgd"], SavedRecommenders.Methods);
        Assert.Equal("als", SavedRecommenders.CheckSavable("ALS"));
        var e = Assert.Throws<InvalidInputException>(() => SavedRecommenders.CheckSavable("bpmf"));
        Assert.Contains("baseline, als, sgd", e.Message);
        var set = SyntheticRatings.Generate(10, 8, 2, 0.5, 0.1, 1);
        var sgd = Fit(new SgdPredictor(new SgdOptions(Rank: 3, Epochs: 2)), set);
        Assert.Equal(new FoldInRule(0.02, 1), sgd.FoldInRule);
        var svdpp = PredictorRegistry.Create("svdpp", new CompletionOptions { Rank = 2, Epochs = 1 });
        svdpp.Fit(set);
        Assert.Throws<InvalidInputException>(() => SavedRecommenders.From(svdpp, Ids("u", 10), Ids("i", 8)));
    }
}
