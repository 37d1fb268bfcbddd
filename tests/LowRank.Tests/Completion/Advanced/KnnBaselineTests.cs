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
        model.Fit(HeldOutRatings.Train);
        double rmse = HeldOutRatings.Rmse(model, HeldOutRatings.Test);
        Assert.True(rmse < 0.97 * HeldOutRatings.BaselineRmse(), $"knn {rmse}, baseline {HeldOutRatings.BaselineRmse()}");
        Assert.True(rmse < HeldOutRatings.GlobalMeanRmse());
    }

    [Fact]
    public void UserBasedVariantAlsoBeatsTheBaseline()
    {
        var model = new KnnBaseline(new KnnBaselineOptions(UserBased: true));
        model.Fit(HeldOutRatings.Train);
        double rmse = HeldOutRatings.Rmse(model, HeldOutRatings.Test);
        Assert.True(rmse < 0.97 * HeldOutRatings.BaselineRmse(), $"user-based knn {rmse}, baseline {HeldOutRatings.BaselineRmse()}");
    }

    [Fact]
    public void WithTooFewNeighboursItIsTheBaseline()
    {
        var knn = new KnnBaseline(new KnnBaselineOptions(MinNeighbors: int.MaxValue));
        var baseline = new BaselinePredictor(new BaselineOptions());
        knn.Fit(HeldOutRatings.Train);
        baseline.Fit(HeldOutRatings.Train);
        Assert.Equal(baseline.PredictAll().Data, knn.PredictAll().Data);
    }

    [Fact]
    public void RefitIsDeterministicAndPredictionsLieInTheScale()
    {
        var a = new KnnBaseline();
        var b = new KnnBaseline();
        a.Fit(HeldOutRatings.Train);
        b.Fit(HeldOutRatings.Train);
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
