using LowRank.Completion.Implicit;
using Xunit;

namespace LowRank.Tests.Completion.Implicit;

public class BprTests
{
    [Fact]
    public void BprRanksTheHeldOutItemsOfAPlantedStructureFarAboveRandom()
    {
        var train = PlantedInteractions.Generate(60, 40, 2, 0.5, seed: 4);
        var untrained = new Bpr(new BprOptions(Factors: 8, Epochs: 0));
        var model = new Bpr(new BprOptions(Factors: 8, Epochs: 40));
        untrained.Fit(train);
        model.Fit(train);
        double before = PlantedInteractions.Auc(untrained, train, 2), after = PlantedInteractions.Auc(model, train, 2);
        Assert.InRange(before, 0.35, 0.65);
        Assert.True(after > 0.9, $"AUC {after} (untrained {before})");
    }

    [Fact]
    public void OneThreadIsDeterministicForASeed()
    {
        var train = PlantedInteractions.Generate(30, 20, 2, 0.5, seed: 5);
        double[] Fit(int seed)
        {
            var model = new Bpr(new BprOptions(Factors: 4, Epochs: 5, Seed: seed));
            model.Fit(train);
            var scores = new double[train.ItemCount];
            model.ScoreItems(7, scores);
            return scores;
        }
        Assert.Equal(Fit(1), Fit(1));
        Assert.NotEqual(Fit(1), Fit(2));
    }

    [Fact]
    public void SeveralThreadsStillLearnThePlantedStructure()
    {
        var train = PlantedInteractions.Generate(60, 40, 2, 0.5, seed: 4);
        var model = new Bpr(new BprOptions(Factors: 8, Epochs: 40, Threads: 2));
        model.Fit(train);
        Assert.True(PlantedInteractions.Auc(model, train, 2) > 0.9);
    }
}
