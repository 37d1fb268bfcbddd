using LowRank.Completion;
using Xunit;

namespace LowRank.Tests.Completion.Implicit;

public class SyntheticFeedbackTests
{
    private static readonly SyntheticShape Small = new(Users: 300, Items: 200, Interactions: 9_000, Rank: 4, MinPerUser: 5);

    [Fact]
    public void TheSetHasTheRequestedShapeAndIsTheSameForASeed()
    {
        var a = SyntheticFeedback.Generate(Small, seed: 7);
        var b = SyntheticFeedback.Generate(Small, seed: 7);
        var c = SyntheticFeedback.Generate(Small, seed: 8);
        Assert.Equal(a.Users, b.Users);
        Assert.Equal(a.Items, b.Items);
        Assert.Equal(a.Ratings, b.Ratings);
        Assert.NotEqual(a.Items, c.Items);
        var interactions = a.ToInteractions();
        Assert.Equal((300, 200, 9_000), (interactions.UserCount, interactions.ItemCount, interactions.Count)); // no pair repeats
        Assert.All(Enumerable.Range(0, 300), u => Assert.True(interactions.ItemsOf(u).Length >= 5));
        var ratings = a.ToRatings();
        Assert.Equal(9_000, ratings.Count);
        Assert.All(a.Ratings, r => Assert.InRange(r, 1, 5));
    }

    [Fact]
    public void ItemPopularityIsHeavyTailed()
    {
        var interactions = SyntheticFeedback.Generate(Small with { Users = 1_000, Interactions = 30_000, PopularityOffset = 1 }, seed: 1).ToInteractions();
        var counts = Enumerable.Range(0, interactions.ItemCount).Select(i => interactions.UsersOf(i).Length).OrderDescending().ToArray();
        // The top 10 % of the items hold far more than 10 % of the interactions, and the head is far above the median.
        Assert.True(counts.Take(20).Sum() > 0.3 * 30_000, $"top 20 items hold {counts.Take(20).Sum()}");
        Assert.True(counts[0] > 5 * counts[100], $"most popular {counts[0]}, median {counts[100]}");
    }

    [Fact]
    public void TheMovieLens20MShapeIsMovieLens20MsShape() =>
        Assert.Equal((138_493, 26_744, 20_000_263), (SyntheticShape.MovieLens20M.Users, SyntheticShape.MovieLens20M.Items, SyntheticShape.MovieLens20M.Interactions));

    [Fact]
    public void AShapeThatCannotBeFilledIsRefused()
    {
        Assert.Throws<InvalidInputException>(() => SyntheticFeedback.Generate(Small with { Interactions = 1_000 }, seed: 0));
        Assert.Throws<InvalidInputException>(() => SyntheticFeedback.Generate(Small with { Interactions = 40_000 }, seed: 0));
    }
}
