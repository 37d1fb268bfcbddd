using LowRank.Completion.Implicit;
using Xunit;

namespace LowRank.Tests.Completion.Implicit;

public class ItemKnnTests
{
    // Users' items: u0 {0, 1}, u1 {0, 1, 2}, u2 {1, 2}, u3 {3}. Items' users: i0 {u0, u1}, i1 {u0, u1, u2}, i2 {u1, u2}, i3 {u3}.
    // Cosines: sim(0, 1) = 2/√6, sim(0, 2) = 1/√4 = 0.5, sim(1, 2) = 2/√6; item 3 shares no user.
    private static readonly Interactions Train = new(4, 4, [0, 0, 1, 1, 1, 2, 2, 3], [0, 1, 0, 1, 2, 1, 2, 3], [1, 1, 1, 1, 1, 1, 1, 1]);

    [Fact]
    public void ScoresAreSumsOfCosinesToTheUsersItems()
    {
        var model = new ItemKnn(new ItemKnnOptions(Neighbours: 10));
        model.Fit(Train);
        Assert.Equal([1, 2], model.NeighboursOf(0).ToArray());
        Assert.Equal(2 / Math.Sqrt(6), model.SimilaritiesOf(0)[0], 14);
        Assert.Equal(0.5, model.SimilaritiesOf(0)[1], 14);
        Assert.Empty(model.NeighboursOf(3).ToArray());
        var scores = new double[4];
        model.ScoreItems(0, scores);
        Assert.Equal(2 / Math.Sqrt(6), scores[0], 14);              // from item 1
        Assert.Equal(2 / Math.Sqrt(6), scores[1], 14);              // from item 0
        Assert.Equal(0.5 + 2 / Math.Sqrt(6), scores[2], 14);        // from items 0 and 1
        Assert.Equal(0, scores[3]);
    }

    [Fact]
    public void OnlyTheKMostSimilarNeighboursCountTiesToTheLowerIndex()
    {
        var model = new ItemKnn(new ItemKnnOptions(Neighbours: 1));
        model.Fit(Train);
        Assert.Equal([1], model.NeighboursOf(0).ToArray());
        Assert.Equal([0], model.NeighboursOf(1).ToArray()); // items 0 and 2 tie at 2/√6
        var scores = new double[4];
        model.ScoreItems(0, scores);
        Assert.Equal(0, scores[2]); // item 2 is neither item 0's nor item 1's nearest neighbour
        Assert.Equal(2 / Math.Sqrt(6), scores[1], 14);
    }
}
