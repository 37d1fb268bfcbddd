using LowRank.Completion;
using LowRank.Completion.Evaluation;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>Hold-out splits: disjoint and covering, the right sizes, and a temporal split never tests the past.</summary>
public class HoldOutTests
{
    private static readonly RatingSet Ratings = SyntheticRatings.Generate(60, 40, rank: 2, density: 0.3, noise: 0.2, seed: 2);

    /// <summary>Timestamps with many ties (20 distinct values), unrelated to the entry order.</summary>
    private static long[] Times()
    {
        var random = new Random(4);
        return Enumerable.Range(0, Ratings.Count).Select(_ => (long)random.Next(20)).ToArray();
    }

    private static void AssertPartition(TrainTestSplit split)
    {
        var all = split.Train.Concat(split.Test).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, Ratings.Count), all);
    }

    [Fact]
    public void TemporalPerUserNeverTestsARatingBeforeATrainingRatingOfTheSameUser()
    {
        var times = Times();
        var split = HoldOut.Temporal(Ratings, times, 0.25, SplitGrouping.PerUser);
        AssertPartition(split);
        for (int u = 0; u < Ratings.UserCount; u++)
        {
            var entries = Ratings.EntriesOfUser(u).ToArray();
            var test = entries.Where(e => Array.BinarySearch(split.Test, e) >= 0).ToArray();
            var train = entries.Except(test).ToArray();
            Assert.Equal(Math.Min((int)Math.Round(0.25 * entries.Length, MidpointRounding.AwayFromZero), entries.Length - 1), test.Length);
            if (test.Length > 0 && train.Length > 0) Assert.True(test.Min(e => times[e]) >= train.Max(e => times[e]), $"user {u}");
        }
    }

    [Fact]
    public void TemporalGlobalNeverTestsARatingBeforeAnyTrainingRating()
    {
        var times = Times();
        var split = HoldOut.Temporal(Ratings, times, 0.2, SplitGrouping.Global);
        AssertPartition(split);
        Assert.Equal((int)Math.Round(0.2 * Ratings.Count, MidpointRounding.AwayFromZero), split.Test.Length);
        Assert.True(split.Test.Min(e => times[e]) >= split.Train.Max(e => times[e]));
    }

    [Fact]
    public void RandomPerUserKeepsATrainingRatingForEveryUserAndFollowsTheSeed()
    {
        var split = HoldOut.Random(Ratings, 0.5, SplitGrouping.PerUser, seed: 1);
        AssertPartition(split);
        var trainUsers = split.Train.Select(e => Ratings.Users[e]).ToHashSet();
        for (int u = 0; u < Ratings.UserCount; u++)
            if (Ratings.EntriesOfUser(u).Length > 0) Assert.Contains(u, trainUsers);
        Assert.Equal(split.Test, HoldOut.Random(Ratings, 0.5, SplitGrouping.PerUser, seed: 1).Test);
        Assert.NotEqual(split.Test, HoldOut.Random(Ratings, 0.5, SplitGrouping.PerUser, seed: 2).Test);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void AFractionOutsideZeroOneIsRefused(double fraction)
    {
        Assert.Throws<InvalidInputException>(() => HoldOut.Random(Ratings, fraction, SplitGrouping.Global, 0));
        Assert.Throws<InvalidInputException>(() => HoldOut.Temporal(Ratings, Times(), fraction, SplitGrouping.PerUser));
    }

    [Fact]
    public void ATemporalProtocolWithoutTimestampsIsRefused()
    {
        var protocol = new EvaluationProtocol { Split = SplitKind.Temporal };
        Assert.Throws<InvalidInputException>(() => protocol.Splits(Ratings, null));
    }
}
