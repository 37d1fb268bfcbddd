using LowRank.Completion.Advanced;
using Xunit;

namespace LowRank.Tests.Completion.Advanced;

public class BayesianPmfTests
{
    private static readonly BayesianPmfOptions Fast = new(Rank: 5, BurnIn: 10, Samples: 30, Seed: 3);

    [Fact]
    public async Task OneThreadGivesTheSameResultAsManyThreads()
    {
        // Parallel.For runs on the current scheduler; the exclusive half of a scheduler pair runs one task at a time.
        var parallel = new BayesianPmf(Fast);
        var sequential = new BayesianPmf(Fast);
        parallel.Fit(HeldOutRatings.Train);
        var oneAtATime = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        await Task.Factory.StartNew(() => sequential.Fit(HeldOutRatings.Train), CancellationToken.None, TaskCreationOptions.None, oneAtATime);
        Assert.Equal(parallel.PredictAll().Data, sequential.PredictAll().Data);
    }

    [Fact]
    public void StopsWhenCancelled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new BayesianPmf(Fast).Fit(HeldOutRatings.Train, cancelled.Token));
    }

    [Fact]
    public void RejectsBadOptions()
    {
        Assert.Throws<InvalidInputException>(() => new BayesianPmf(new BayesianPmfOptions(Rank: 0)));
        Assert.Throws<InvalidInputException>(() => new BayesianPmf(new BayesianPmfOptions(Samples: 0)));
        Assert.Throws<InvalidInputException>(() => new BayesianPmf(new BayesianPmfOptions(NoisePrecision: 0)));
    }
}
