using LowRank.Completion.Advanced;
using Xunit;

namespace LowRank.Tests.Completion.Advanced;

public class SvdPlusPlusTests
{
    private static readonly SvdPlusPlusOptions Small = new(Factors: 5, Seed: 2);

    [Fact]
    public void BeatsGlobalMeanAndBiasBaselineOnHeldOutRatings()
    {
        var model = new SvdPlusPlus(Small);
        model.Fit(SyntheticRatings.Train);
        double rmse = SyntheticRatings.Rmse(model, SyntheticRatings.Test);
        Assert.True(rmse < 0.97 * SyntheticRatings.BaselineRmse(), $"svdpp {rmse}, baseline {SyntheticRatings.BaselineRmse()}");
        Assert.True(rmse < SyntheticRatings.GlobalMeanRmse());
    }

    [Fact]
    public void SameSeedGivesIdenticalPredictionsAndAnotherSeedDiffers()
    {
        var a = new SvdPlusPlus(Small);
        var b = new SvdPlusPlus(Small);
        var c = new SvdPlusPlus(Small with { Seed = 3 });
        a.Fit(SyntheticRatings.Train);
        b.Fit(SyntheticRatings.Train);
        c.Fit(SyntheticRatings.Train);
        Assert.Equal(a.PredictAll().Data, b.PredictAll().Data);
        Assert.NotEqual(a.PredictAll().Data, c.PredictAll().Data);
    }

    [Fact]
    public void PredictionsLieInTheScale()
    {
        var model = new SvdPlusPlus(Small);
        model.Fit(SyntheticRatings.Train);
        Assert.All(model.PredictAll().Data, x => Assert.InRange(x, 1.0, 5.0));
    }

    [Fact]
    public void RejectsBadOptions()
    {
        Assert.Throws<InvalidInputException>(() => new SvdPlusPlus(new SvdPlusPlusOptions(Factors: 0)));
        Assert.Throws<InvalidInputException>(() => new SvdPlusPlus(new SvdPlusPlusOptions(LearningRate: 0)));
    }
}
