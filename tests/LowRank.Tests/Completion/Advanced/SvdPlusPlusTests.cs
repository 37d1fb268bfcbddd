using LowRank.Completion;
using LowRank.Completion.Advanced;
using Xunit;

namespace LowRank.Tests.Completion.Advanced;

public class SvdPlusPlusTests
{
    [Fact]
    public void RejectsBadOptions()
    {
        Assert.Throws<InvalidInputException>(() => new SvdPlusPlus(new SvdPlusPlusOptions(Factors: 0)));
        Assert.Throws<InvalidInputException>(() => new SvdPlusPlus(new SvdPlusPlusOptions(LearningRate: 0)));
    }

    /// <summary>
    /// The implicit term |N(u)|^−½ Σ_{j∈N(u)} y_j (Koren 2008, eq. 15) at work: items 0–9 ("A") and 10–19 ("B") are
    /// always rated 3, so a user's ratings say nothing — only which items they rated does. Training users who rate A
    /// items rate the probe item 20 high (5) and the filler item 21 low (1), those who rate B items the other way round,
    /// so both groups have the same mean rating (no user or item bias carries the group). New users rate five A (or B)
    /// items, all 3, and not the probe: only the implicit term can tell them apart, so an SVD++ without it (or a plain
    /// biased factor model, checked below) predicts about the same for both.
    /// </summary>
    [Fact]
    public void WhichItemsAUserRatedMovesThePredictionThroughTheImplicitTerm()
    {
        const int probe = 20, filler = 21, trainingUsers = 40, newUsers = 20;
        var rng = new Random(4);
        var (users, items, values) = (new List<int>(), new List<int>(), new List<double>());
        for (int u = 0; u < trainingUsers + newUsers; u++)
        {
            bool groupA = u % 2 == 0;
            foreach (int i in Enumerable.Range(groupA ? 0 : 10, 10).OrderBy(_ => rng.Next()).Take(5))
            {
                users.Add(u);
                items.Add(i);
                values.Add(3);
            }
            if (u < trainingUsers)
            {
                users.Add(u);
                items.Add(probe);
                values.Add(groupA ? 5 : 1);
                users.Add(u);
                items.Add(filler);
                values.Add(groupA ? 1 : 5);
            }
        }
        var ratings = new RatingSet(trainingUsers + newUsers, 22, [.. users], [.. items], [.. values], new RatingScale(1, 5));

        double Gap(RatingPredictor model)
        {
            model.Fit(ratings);
            var fresh = Enumerable.Range(trainingUsers, newUsers);
            return fresh.Where(u => u % 2 == 0).Average(u => model.Predict(u, probe)) - fresh.Where(u => u % 2 == 1).Average(u => model.Predict(u, probe));
        }

        double svdpp = Gap(new SvdPlusPlus(new SvdPlusPlusOptions(Factors: 5, Epochs: 100, Seed: 1)));
        double explicitOnly = Gap(new SgdPredictor(new SgdOptions(Rank: 5, Epochs: 100, Seed: 1)));
        Assert.True(svdpp > 1.5, $"SVD++ separates the new users by {svdpp:F3}");
        Assert.True(Math.Abs(explicitOnly) < 0.5, $"a model without the implicit term separates them by {explicitOnly:F3}");
    }
}
