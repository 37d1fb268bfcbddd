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
}
