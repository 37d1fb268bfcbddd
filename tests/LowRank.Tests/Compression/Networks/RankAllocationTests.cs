using LowRank.Compression.Networks;
using Xunit;

namespace LowRank.Tests.Compression.Networks;

public class RankAllocationTests
{
    // A large layer with slowly decaying σ and a small one with fast decay.
    private static readonly LayerSpectrum Large = new(100, 100, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    private static readonly LayerSpectrum Small = new(10, 4, [5, 1, 0.5, 0.1]);

    [Fact]
    public void Spectrum_counts_weights_and_energy()
    {
        Assert.Equal(10_000, Large.DenseWeights);
        Assert.Equal(3 * 200, Large.FactoredWeights(3));
        Assert.False(Small.Saves(3)); // 3·14 = 42 ≥ 40
        Assert.True(Small.Saves(2));
        Assert.Equal((25 + 1) / 26.26, Small.Energy(2), 12);
    }

    [Fact]
    public void Uniform_caps_the_rank_and_keeps_layers_dense_where_factors_cost_more()
    {
        Assert.Equal([3, null], RankAllocation.Uniform([Large, Small], 3));
        Assert.Equal([10, null], RankAllocation.Uniform([Large, Small], 50));
    }

    [Fact]
    public void Energy_takes_the_smallest_rank_that_keeps_the_share()
    {
        // Large: σ² = 100, 81, 64, … total 385; 100 + 81 + 64 = 245 ≥ 0.6·385 = 231 > 181.
        Assert.Equal([3, 1], RankAllocation.Energy([Large, Small], 0.6));
    }

    [Fact]
    public void Budget_spends_the_weights_where_they_remove_the_most_error_and_stays_within_it()
    {
        // Start: ranks 1, 1 = 214 weights. Gains per weight: Large σ²/200 = 0.405, 0.32, …; Small σ²/14 = 0.071, 0.018.
        var ranks = RankAllocation.Budget([Large, Small], 214 + 200 + 200);
        Assert.Equal([3, 1], ranks);
        Assert.True(RankAllocation.Weights([Large, Small], ranks) <= 614);
        var more = RankAllocation.Budget([Large, Small], 2_000);
        Assert.True(RankAllocation.Weights([Large, Small], more) <= 2_000);
        Assert.Equal(9, more[0]); // Large's σ²/200 beats Small's 0.25/14 until σ = 2; σ = 1 costs 200 more than fits after Small's second rank
        Assert.Throws<ArgumentOutOfRangeException>(() => RankAllocation.Budget([Large, Small], 213));
    }

    /// <summary>Σ_l Σ_{i>k_l} σ_l,i², a dense layer (null) counting 0.</summary>
    private static double TailError(IReadOnlyList<LayerSpectrum> layers, IReadOnlyList<int?> ranks) =>
        layers.Select((l, i) => ranks[i] is int k ? l.S.Skip(k).Sum(s => s * s) : 0).Sum();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void With_equal_costs_per_rank_the_budget_rule_is_as_good_as_exhaustive_search(int seed)
    {
        // Every layer costs m + n = 40 weights per rank, so the greedy choice is exactly optimal (a knapsack of equal
        // sizes); check it against all rank triples that fit the budget.
        var random = new Random(seed);
        LayerSpectrum Layer(int m, int n) =>
            new(m, n, [.. Enumerable.Range(0, Math.Min(m, n)).Select(_ => random.NextDouble() * 10).OrderDescending()]);
        LayerSpectrum[] layers = [Layer(30, 10), Layer(25, 15), Layer(20, 20)];
        foreach (long budget in new long[] { 120, 200, 360, 520 })
        {
            var ranks = RankAllocation.Budget(layers, budget);
            Assert.True(RankAllocation.Weights(layers, ranks) <= budget);
            double best = double.PositiveInfinity;
            for (int a = 1; a <= 10; a++)
                for (int b = 1; b <= 15; b++)
                    for (int c = 1; c <= 20; c++)
                        if (40L * (a + b + c) <= budget) best = Math.Min(best, TailError(layers, [a, b, c]));
            Assert.True(TailError(layers, ranks) <= best + 1e-9, $"budget {budget}: {TailError(layers, ranks)} > {best}");
        }
    }
}
