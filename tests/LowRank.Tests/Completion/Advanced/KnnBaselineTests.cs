using LowRank.Completion;
using LowRank.Completion.Advanced;
using Xunit;

namespace LowRank.Tests.Completion.Advanced;

public class KnnBaselineTests
{
    [Fact]
    public void BeatsGlobalMeanAndBiasBaselineOnHeldOutRatings()
    {
        var model = new KnnBaseline();
        model.Fit(SyntheticRatings.Train);
        double rmse = SyntheticRatings.Rmse(model, SyntheticRatings.Test);
        Assert.True(rmse < 0.97 * SyntheticRatings.BaselineRmse(), $"knn {rmse}, baseline {SyntheticRatings.BaselineRmse()}");
        Assert.True(rmse < SyntheticRatings.GlobalMeanRmse());
    }

    [Fact]
    public void UserBasedVariantAlsoBeatsTheBaseline()
    {
        var model = new KnnBaseline(new KnnBaselineOptions(UserBased: true));
        model.Fit(SyntheticRatings.Train);
        double rmse = SyntheticRatings.Rmse(model, SyntheticRatings.Test);
        Assert.True(rmse < 0.97 * SyntheticRatings.BaselineRmse(), $"user-based knn {rmse}, baseline {SyntheticRatings.BaselineRmse()}");
    }

    [Fact]
    public void WithTooFewNeighboursItIsTheBaseline()
    {
        var knn = new KnnBaseline(new KnnBaselineOptions(MinNeighbors: int.MaxValue));
        var baseline = new BaselinePredictor(new BaselineOptions());
        knn.Fit(SyntheticRatings.Train);
        baseline.Fit(SyntheticRatings.Train);
        Assert.Equal(baseline.PredictAll().Data, knn.PredictAll().Data);
    }

    [Fact]
    public void RefitIsDeterministicAndPredictionsLieInTheScale()
    {
        var a = new KnnBaseline();
        var b = new KnnBaseline();
        a.Fit(SyntheticRatings.Train);
        b.Fit(SyntheticRatings.Train);
        var all = a.PredictAll();
        Assert.Equal(all.Data, b.PredictAll().Data);
        Assert.All(all.Data, x => Assert.InRange(x, 1.0, 5.0));
        Assert.Equal(a.Predict(3, 9), all[3, 9]);
    }

    [Fact]
    public void RejectsBadOptions()
    {
        Assert.Throws<InvalidInputException>(() => new KnnBaseline(new KnnBaselineOptions(Neighbors: 0)));
        Assert.Throws<InvalidInputException>(() => new KnnBaseline(new KnnBaselineOptions(Shrinkage: -1)));
    }
}
