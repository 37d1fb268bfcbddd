using LowRank.Completion;
using LowRank.Completion.Implicit;
using Xunit;

namespace LowRank.Tests.Completion.Implicit;

public class InteractionsTests
{
    [Fact]
    public void RepeatedPairsAreOneInteractionWithTheStrengthsSummedAndRowsAreSorted()
    {
        var set = new Interactions(2, 3, [1, 0, 1, 1, 0], [2, 1, 0, 2, 0], [1, 2, 3, 4, 5]);
        Assert.Equal(4, set.Count);
        Assert.Equal([0, 1], set.ItemsOf(0).ToArray());
        Assert.Equal([5.0, 2.0], set.StrengthsOfUser(0).ToArray());
        Assert.Equal([0, 2], set.ItemsOf(1).ToArray());
        Assert.Equal([3.0, 5.0], set.StrengthsOfUser(1).ToArray());
        Assert.Equal([0, 1], set.UsersOf(0).ToArray());
        Assert.Equal([5.0, 3.0], set.StrengthsOfItem(0).ToArray());
        Assert.Equal([1], set.UsersOf(2).ToArray());
        Assert.Equal([5.0], set.StrengthsOfItem(2).ToArray());
        Assert.True(set.Contains(1, 2));
        Assert.False(set.Contains(0, 2));
    }

    [Fact]
    public void RatingsAtOrAboveTheThresholdBecomeInteractionsOfStrengthOne()
    {
        var ratings = new RatingSet(2, 3, [0, 0, 1, 1], [0, 1, 1, 2], [4, 3, 5, 4.5], new RatingScale(1, 5));
        var set = Interactions.FromRatings(ratings, 4);
        Assert.Equal(3, set.Count);
        Assert.Equal([0], set.ItemsOf(0).ToArray());
        Assert.Equal([1, 2], set.ItemsOf(1).ToArray());
        Assert.All(set.StrengthsOfUser(1).ToArray(), s => Assert.Equal(1.0, s));
        Assert.Equal((2, 3), (set.UserCount, set.ItemCount));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void AStrengthThatIsNotPositiveIsBadInput(double strength)
    {
        var e = Assert.Throws<InvalidInputException>(() => new Interactions(1, 1, [0], [0], [strength]));
        Assert.Contains("interaction 0", e.Message);
    }

    [Fact]
    public void ConfidenceIsLinearOrLogarithmicInTheStrength()
    {
        Assert.Equal(1 + 40 * 3, new Confidence(40, ConfidenceScaling.Linear, 1).Of(3));
        Assert.Equal(1 + 2 * Math.Log(1 + 3 / 0.5), new Confidence(2, ConfidenceScaling.Log, 0.5).Of(3), 12);
        Assert.Throws<InvalidInputException>(() => new Confidence(-1, ConfidenceScaling.Linear, 1).Validate());
        Assert.Throws<InvalidInputException>(() => new Confidence(1, ConfidenceScaling.Log, 0).Validate());
    }
}
