using LowRank.Cli.Experiments;
using LowRank.Experiments;
using LowRank.SingularValueLearning;
using Xunit;

namespace LowRank.Tests.Experiments;

/// <summary>A target a run did not judge is never reported as passed; published figures only beside the same data.</summary>
public class ExperimentTargetTests
{
    [Fact]
    public void AllPassedIsTrueOnlyWhenEveryTargetWasJudgedAndPassed()
    {
        ExperimentTarget Pass(string n) => new(n, "", true);
        ExperimentTarget Fail(string n) => new(n, "", false);
        ExperimentTarget NotJudged(string n) => new(n, "", null);
        Assert.True(ExperimentTarget.AllPassed([Pass("a"), Pass("b")]));
        Assert.False(ExperimentTarget.AllPassed([Pass("a"), Fail("b")]));
        Assert.False(ExperimentTarget.AllPassed([NotJudged("a"), Fail("b")]));
        Assert.Null(ExperimentTarget.AllPassed([NotJudged("a"), Pass("b")]));
        Assert.Equal("not judged", NotJudged("a").Result);
    }

    [Fact]
    public void PublishedFiguresAreShownOnlyBesideTheSameDataSet()
    {
        Assert.Same(SvLearnPublished.Spambase, SvLearnPublished.For("spambase"));
        Assert.Null(SvLearnPublished.For("fashion-mnist")); // Table I's image figure is CIFAR-10's
        Assert.Null(SvLearnPublished.For("my-data.csv"));
    }
}
