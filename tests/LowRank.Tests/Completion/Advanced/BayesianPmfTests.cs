using LowRank.Completion.Advanced;
using Xunit;

namespace LowRank.Tests.Completion.Advanced;

public class BayesianPmfTests
{
    private static readonly BayesianPmfOptions Fast = new(Rank: 5, BurnIn: 10, Samples: 30, Seed: 3);

    [Fact]
    public void BeatsGlobalMeanAndBiasBaselineOnHeldOutRatings()
    {
        var model = new BayesianPmf(Fast);
        model.Fit(SyntheticRatings.Train);
        double rmse = SyntheticRatings.Rmse(model, SyntheticRatings.Test);
        Assert.True(rmse < 0.9 * SyntheticRatings.BaselineRmse(), $"bpmf {rmse}, baseline {SyntheticRatings.BaselineRmse()}");
        Assert.True(rmse < SyntheticRatings.GlobalMeanRmse());
    }

    [Fact]
    public void SameSeedGivesIdenticalPredictionsAndAnotherSeedDiffers()
    {
        var a = new BayesianPmf(Fast);
        var b = new BayesianPmf(Fast);
        var c = new BayesianPmf(Fast with { Seed = 4 });
        a.Fit(SyntheticRatings.Train);
        b.Fit(SyntheticRatings.Train);
        c.Fit(SyntheticRatings.Train);
        Assert.Equal(a.PredictAll().Data, b.PredictAll().Data);
        Assert.NotEqual(a.PredictAll().Data, c.PredictAll().Data);
    }

    [Fact]
    public async Task OneThreadGivesTheSameResultAsManyThreads()
    {
        // Parallel.For runs on the current scheduler; the exclusive half of a scheduler pair runs one task at a time.
        var parallel = new BayesianPmf(Fast);
        var sequential = new BayesianPmf(Fast);
        parallel.Fit(SyntheticRatings.Train);
        var oneAtATime = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        await Task.Factory.StartNew(() => sequential.Fit(SyntheticRatings.Train), CancellationToken.None, TaskCreationOptions.None, oneAtATime);
        Assert.Equal(parallel.PredictAll().Data, sequential.PredictAll().Data);
    }

    [Fact]
    public void StopsWhenCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new BayesianPmf(Fast).Fit(SyntheticRatings.Train, cancelled.Token));
    }

    [Fact]
    public void PredictionsLieInTheScale()
    {
        var model = new BayesianPmf(Fast);
        model.Fit(SyntheticRatings.Train);
        var all = model.PredictAll();
        Assert.All(all.Data, x => Assert.InRange(x, 1.0, 5.0));
        Assert.Equal(all[4, 7], model.Predict(4, 7));
    }

    [Fact]
    public void RejectsBadOptions()
    {
        Assert.Throws<InvalidInputException>(() => new BayesianPmf(new BayesianPmfOptions(Rank: 0)));
        Assert.Throws<InvalidInputException>(() => new BayesianPmf(new BayesianPmfOptions(Samples: 0)));
        Assert.Throws<InvalidInputException>(() => new BayesianPmf(new BayesianPmfOptions(NoisePrecision: 0)));
    }
}
