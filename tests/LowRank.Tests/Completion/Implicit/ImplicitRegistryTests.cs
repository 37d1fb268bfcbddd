using LowRank.Completion;
using LowRank.Completion.Implicit;
using Xunit;

namespace LowRank.Tests.Completion.Implicit;

public class ImplicitRegistryTests
{
    [Fact]
    public void EveryNameBuildsItsModelWithTheSharedOverrides()
    {
        Assert.Equal(["implicit-als", "bpr", "item-knn"], ImplicitRegistry.Names);
        var als = Assert.IsType<ImplicitAls>(ImplicitRegistry.Create("implicit-als", new CompletionOptions { Rank = 7, Seed = 3 }));
        Assert.Equal(new ImplicitAlsOptions() with { Factors = 7, Seed = 3 }, als.Options);
        var bpr = Assert.IsType<Bpr>(ImplicitRegistry.Create("BPR", new CompletionOptions { Epochs = 2 }));
        Assert.Equal(new BprOptions() with { Epochs = 2 }, bpr.Options);
        Assert.IsType<ItemKnn>(ImplicitRegistry.Create("item-knn", new CompletionOptions()));
        var e = Assert.Throws<InvalidInputException>(() => ImplicitRegistry.Create("als", new CompletionOptions()));
        Assert.Contains("implicit-als, bpr, item-knn", e.Message);
    }
}
