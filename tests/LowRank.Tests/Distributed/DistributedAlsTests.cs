using LowRank.Completion;
using LowRank.Completion.Implicit;
using LowRank.Completion.Saved;
using LowRank.Distributed;
using LowRank.Distributed.Als;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>
/// Distributed explicit and implicit ALS at 1–4 "processes" (threads of a <see cref="ThreadGroup"/>) against the
/// single-process fits: explicit factors to 10⁻¹² (seen: 10⁻¹⁵; μ and the RMSE are reduced in another order; nothing else differs),
/// exactly without biases (μ = 0, no reduction reaches the factors) and for implicit ALS (no reduction at all).
/// </summary>
public class DistributedAlsTests
{
    private const double Tolerance = 1e-12;

    /// <summary>40 users × 30 items, some users and items with fewer ratings than unknowns (the dual solve), one item unrated.</summary>
    private static RatingSet Ratings()
    {
        var dense = SyntheticRatings.Generate(40, 30, rank: 3, density: 0.25, noise: 0.3, seed: 7);
        var entries = Enumerable.Range(0, dense.Count).Where(e => dense.Items[e] != 29).ToArray();
        return dense.Subset(entries);
    }

    private static string[] Ids(int count) => Enumerable.Range(0, count).Select(i => $"{i}").ToArray();

    [Fact]
    public void ExplicitAlsOnOneToFourProcessesGivesTheSingleProcessModel()
    {
        var set = Ratings();
        Assert.Contains(Enumerable.Range(0, set.ItemCount), i => set.EntriesOfItem(i).Length is > 0 and < 7);
        var options = new AlsOptions(Rank: 6, Epochs: 8, Tolerance: 0, Seed: 3);
        var single = new AlsPredictor(options);
        single.Fit(set);
        var reference = SavedRecommenders.From(single, Ids(set.UserCount), Ids(set.ItemCount));
        for (int p = 1; p <= 4; p++)
        {
            var fits = ThreadGroup.Run(p, world => DistributedAls.Fit(LocalRatings.Of(set, world.Rank, world.Size), options, world));
            var saved = fits[0].ToSaved(set, Ids(set.UserCount), Ids(set.ItemCount), null);
            Assert.Equal(reference.Settings, saved.Settings);
            Assert.Equal(reference.FoldInRule, saved.FoldInRule);
            Assert.Equal(reference.RatedStart.ToArray(), saved.RatedStart.ToArray());
            Assert.Equal(reference.Mean, saved.Mean, 1e-14);
            AssertClose(reference.UserFactors, saved.UserFactors, Tolerance, $"P = {p}: user factors");
            AssertClose(reference.ItemFactors, saved.ItemFactors, Tolerance, $"P = {p}: item factors");
            AssertClose(reference.UserBias, saved.UserBias, Tolerance, $"P = {p}: user biases");
            AssertClose(reference.ItemBias, saved.ItemBias, Tolerance, $"P = {p}: item biases");
            Assert.Equal(single.Trace!.Iterations, fits[0].Trace.Iterations);
            foreach (var fit in fits.Skip(1)) Assert.Equal(fits[0].UserFactors, fit.UserFactors); // the same model on every process
        }
    }

    [Fact]
    public void WithoutBiasesNoReductionReachesTheFactorsAndThreeProcessesGiveTheSingleProcessBits()
    {
        var set = Ratings();
        var options = new AlsOptions(Rank: 4, Lambda: 0.5, Epochs: 5, Tolerance: 0, Biases: false, Seed: 1);
        var single = new AlsPredictor(options);
        single.Fit(set);
        var reference = SavedRecommenders.From(single, Ids(set.UserCount), Ids(set.ItemCount));
        var fit = ThreadGroup.Run(3, world => DistributedAls.Fit(LocalRatings.Of(set, world.Rank, world.Size), options, world))[1];
        Assert.Equal(reference.UserFactors.ToArray(), fit.UserFactors);
        Assert.Equal(reference.ItemFactors.ToArray(), fit.ItemFactors);
    }

    [Fact]
    public void CommunicationIsTwoNumbersForTheMeanThenOneGatherOfKPlusOneNumbersPerRowPerHalfSweepAndOneForTheRmse()
    {
        var set = Ratings();
        int k = 5, epochs = 3, m = set.UserCount, n = set.ItemCount;
        var metered = new MeteredCommunicator(new SingleProcessCommunicator());
        DistributedAls.Fit(LocalRatings.Of(set, 0, 1), new AlsOptions(Rank: k, Epochs: epochs, Tolerance: 0), metered);
        // docs/distributed.md: μ (2 numbers), the first item exchange, then per sweep two exchanges and the RMSE sum.
        Assert.Equal(2 + 3 * epochs, metered.Calls);
        Assert.Equal(2L + n * (k + 1) + epochs * ((long)(m + n) * (k + 1) + 1), metered.Values);
    }

    [Fact]
    public void BadOptionsAreRefusedBeforeAnyCollective()
    {
        var metered = new MeteredCommunicator(new SingleProcessCommunicator());
        var e = Assert.Throws<InvalidInputException>(() => DistributedAls.Fit(LocalRatings.Of(Ratings(), 0, 1), new AlsOptions(Lambda: -1), metered));
        Assert.Equal("als: λ must be ≥ 0, not -1", e.Message);
        Assert.Equal(0, metered.Calls);
    }

    [Fact]
    public void ImplicitAlsOnOneToFourProcessesGivesTheSingleProcessFactorsExactly()
    {
        var interactions = Interactions.FromRatings(Ratings(), threshold: 3);
        foreach (var solver in new[] { ImplicitSolver.ConjugateGradient, ImplicitSolver.Cholesky })
        {
            var options = new ImplicitAlsOptions(Factors: 5, Regularization: 2, Alpha: 3, Iterations: 4, Solver: solver, Seed: 2);
            var single = new ImplicitAls(options);
            single.Fit(interactions);
            for (int p = 1; p <= 4; p++)
            {
                var fits = ThreadGroup.Run(p, world => DistributedImplicitAls.Fit(interactions, options, world));
                foreach (var (users, items) in fits)
                {
                    Assert.Equal(single.UserFactors.ToArray(), users);
                    Assert.Equal(single.ItemFactors.ToArray(), items);
                }
            }
        }
    }

    private static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= tolerance, $"{what} differ by up to {worst:E2}");
    }
}
