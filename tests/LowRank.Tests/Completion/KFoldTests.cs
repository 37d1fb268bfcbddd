using LowRank.Completion.Evaluation;
using Xunit;

namespace LowRank.Tests.Completion;

public class KFoldTests
{
    [Theory]
    [InlineData(10, 5)]
    [InlineData(103, 5)]
    [InlineData(7, 3)]
    public void FoldsAreDisjointCoveringAndBalanced(int count, int folds)
    {
        var split = KFold.Split(count, folds, seed: 42);
        Assert.Equal(folds, split.Length);
        var all = split.SelectMany(f => f).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, count), all);
        Assert.True(split.Max(f => f.Length) - split.Min(f => f.Length) <= 1);
        foreach (var test in split)
        {
            var train = KFold.Complement(count, test);
            Assert.Equal(count, train.Length + test.Length);
            Assert.Empty(train.Intersect(test));
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameFoldsAndAnotherSeedOthers()
    {
        Assert.Equal(KFold.Split(1000, 5, 1), KFold.Split(1000, 5, 1));
        Assert.NotEqual(KFold.Split(1000, 5, 1)[0], KFold.Split(1000, 5, 2)[0]);
    }

    [Fact]
    public void TooFewFoldsOrRatingsAreRefused()
    {
        Assert.Throws<InvalidInputException>(() => KFold.Split(10, 1, 0));
        Assert.Throws<InvalidInputException>(() => KFold.Split(3, 5, 0));
    }
}
