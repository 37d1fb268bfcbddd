using LowRank.Completion;
using LowRank.Completion.Evaluation;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>Tuning searches the documented grid on the training part only and keeps the best validation score.</summary>
public class TuningTests
{
    private static readonly RatingSet Ratings = SyntheticRatings.Generate(80, 60, rank: 2, density: 0.3, noise: 0.3, seed: 6);

    [Fact]
    public void TheGridLeavesOutTheFieldsTheCallerFixed()
    {
        Assert.Equal(9, TuningGrid.Points("als", new CompletionOptions()).Count);
        var fixedRank = TuningGrid.Points("als", new CompletionOptions { Rank = 4 });
        Assert.Equal(3, fixedRank.Count);
        Assert.All(fixedRank, p => Assert.Equal(4, p.Options.Rank));
        Assert.Equal(["defaults"], TuningGrid.Points("blend", new CompletionOptions()).Select(p => p.Label));
    }

    /// <summary>
    /// Two splits with the same training part and different test parts (one of them absurd ratings) must tune to the same
    /// trials and choice: the test part is never looked at.
    /// </summary>
    [Fact]
    public void TuningNeverSeesTheTestPart()
    {
        var protocol = new EvaluationProtocol { Split = SplitKind.Random, Tune = true, Seed = 3 };
        var split = protocol.Splits(Ratings, null)[0];
        var test = split.Test;
        var flipped = new RatingSet(test.UserCount, test.ItemCount, test.Users.ToArray(), test.Items.ToArray(),
            test.Values.ToArray().Select(v => test.Scale.Max + test.Scale.Min - v).ToArray(), test.Scale);
        var a = MethodEvaluation.Tune("als", protocol, new CompletionOptions(), split);
        var b = MethodEvaluation.Tune("als", protocol, new CompletionOptions(), split with { Test = flipped });
        Assert.Equal(a.Trials, b.Trials);
        Assert.Equal(a.Chosen.Label, b.Chosen.Label);
        Assert.Equal(9, a.Trials.Count);
        Assert.Equal(a.Trials.MinBy(t => t.Score).Label, a.Chosen.Label);
    }

    [Fact]
    public void TunedEvaluationReportsTheChosenSettingPerFold()
    {
        var protocol = new EvaluationProtocol { Folds = 2, Tune = true };
        var result = MethodEvaluation.Run("mean-svd", protocol, new CompletionOptions(), protocol.Splits(Ratings, null));
        Assert.All(result.Folds, f => Assert.Equal(4, f.Tuning!.Trials.Count));
        Assert.Contains("tuning: each method's documented grid", protocol.Describe());
    }
}
