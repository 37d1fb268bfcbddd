using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.Completion.Implicit;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>Every predictor scores the catalogue by its unclipped estimate; users and items without training ratings get the baseline.</summary>
public class ItemScorerTests
{
    /// <summary>User 3 and item 4 have no training ratings.</summary>
    private static RatingSet WithColdUserAndItem()
    {
        var full = SyntheticRatings.Generate(30, 20, rank: 2, density: 0.6, noise: 0.1, seed: 8);
        var kept = Enumerable.Range(0, full.Count).Where(e => full.Users[e] != 3 && full.Items[e] != 4).ToArray();
        return full.Subset(kept);
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("als")]
    [InlineData("sgd")]
    [InlineData("mean-svd")]
    [InlineData("svdpp")]
    public void ScoreItemsMatchesThePredictionsWhereTheyAreNotClipped(string method)
    {
        var train = WithColdUserAndItem();
        var predictor = PredictorRegistry.Create(method, new CompletionOptions { Rank = 2 });
        predictor.Fit(train);
        var scores = new double[train.ItemCount];
        foreach (int user in new[] { 0, 3, 7 })
        {
            predictor.ScoreItems(user, scores);
            for (int item = 0; item < train.ItemCount; item++)
            {
                double clipped = train.Scale.Clip(scores[item]);
                Assert.Equal(predictor.Predict(user, item), clipped, 10);
            }
        }
    }

    [Fact]
    public void AlsWithoutBiasesPredictsTheMeanForAColdUserNotZero()
    {
        var train = WithColdUserAndItem();
        var predictor = PredictorRegistry.Create("als", new CompletionOptions { Rank = 2, Biases = false });
        predictor.Fit(train);
        Assert.Equal(train.GlobalMean, predictor.Predict(3, 0), 12);
        Assert.Equal(train.GlobalMean, predictor.Predict(0, 4), 12);
    }

    [Fact]
    public void ExactSettingsAreRefusedForMethodsWithoutThem()
    {
        Assert.Throws<InvalidInputException>(() => PredictorRegistry.Create("sgd", new CompletionOptions { Exact = true }));
        var als = (AlsPredictor)PredictorRegistry.Create("als", new CompletionOptions { Exact = true });
        Assert.Equal(AlsOptions.ExactCompletion, als.Options);
        Assert.Equal(new AlsOptions(), ((AlsPredictor)PredictorRegistry.Create("als", new CompletionOptions())).Options);
    }

    [Fact]
    public void ImplicitEvaluationScoresPopularityByTopNOnly()
    {
        var ratings = SyntheticRatings.Generate(100, 80, rank: 3, density: 0.3, noise: 0.3, seed: 9);
        var protocol = new EvaluationProtocol { Split = SplitKind.Random, ImplicitThreshold = 4 };
        var splits = protocol.Splits(ratings, null);
        var popularity = MethodEvaluation.Run("popularity", protocol, new CompletionOptions(), splits);
        var als = MethodEvaluation.Run("als", protocol, new CompletionOptions { Rank = 3 }, splits);
        Assert.Null(popularity.Rmse);
        Assert.Null(als.Rmse);
        Assert.InRange(popularity.Ndcg, 1e-6, 1);
        Assert.Equal(["popularity", .. ImplicitRegistry.Names, .. PredictorRegistry.Names], ItemScorerRegistry.Resolve("all", implicitMode: true));
    }

    /// <summary>The implicit-feedback models are evaluated by the same protocol and beat popularity on planted structure.</summary>
    [Fact]
    public void ImplicitModelsRankThroughTheRegistryAndBeatPopularityOnPlantedStructure()
    {
        var ratings = SyntheticRatings.Generate(120, 90, rank: 3, density: 0.3, noise: 0.3, seed: 9);
        var protocol = new EvaluationProtocol { Split = SplitKind.Random, ImplicitThreshold = 4 };
        var splits = protocol.Splits(ratings, null);
        double popularity = MethodEvaluation.Run("popularity", protocol, new CompletionOptions(), splits).Ndcg;
        var als = MethodEvaluation.Run("implicit-als", protocol, new CompletionOptions { Rank = 3 }, splits);
        Assert.Equal("implicit-als", als.Method);
        Assert.Null(als.Rmse);
        Assert.True(als.Ndcg > popularity, $"implicit ALS NDCG {als.Ndcg} vs popularity {popularity}");
        Assert.Equal(["bpr"], ItemScorerRegistry.Resolve("BPR", implicitMode: true));
        Assert.False(ItemScorerRegistry.IsRatingPredictor("item-knn"));
    }
}
