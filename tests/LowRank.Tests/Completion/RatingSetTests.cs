using LowRank.Completion;
using Xunit;

namespace LowRank.Tests.Completion;

public class RatingSetTests
{
    [Theory]
    [InlineData(new[] { 0, 0 }, new[] { 1, 1 })]
    [InlineData(new[] { 0, 0, 0 }, new[] { 1, 2, 1 })]
    [InlineData(new[] { 1, 0, 1 }, new[] { 2, 2, 2 })]
    public void APairRatedTwiceIsRefusedWhereverItStands(int[] users, int[] items)
    {
        var values = users.Select(_ => 3.0).ToArray();
        var e = Assert.Throws<ArgumentException>(() => new RatingSet(2, 3, users, items, values, new RatingScale(1, 5)));
        Assert.Contains("twice", e.Message);
    }

    [Fact]
    public void IndexesListEveryEntryOfAUserAndOfAnItem()
    {
        var set = new RatingSet(2, 3, [1, 0, 1, 0], [2, 2, 0, 1], [1, 2, 3, 4], new RatingScale(1, 5));
        Assert.Equal([0, 2], set.EntriesOfUser(1).ToArray());
        Assert.Equal([1, 3], set.EntriesOfUser(0).ToArray());
        Assert.Equal([0, 1], set.EntriesOfItem(2).ToArray());
        Assert.Equal(2.5, set.GlobalMean);
        Assert.Throws<ArgumentException>(() => new RatingSet(2, 3, [2], [0], [3], new RatingScale(1, 5)));
        Assert.Throws<ArgumentException>(() => new RatingSet(2, 3, [0], [0], [6], new RatingScale(1, 5)));
    }
}
