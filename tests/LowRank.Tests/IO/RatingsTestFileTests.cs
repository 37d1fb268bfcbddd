using LowRank.Completion;
using LowRank.IO;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>Timestamps (MovieLens' 4th column) and a test file read against a training file.</summary>
public class RatingsTestFileTests
{
    [Fact]
    public void TimestampsAreKeptEntryByEntryInEveryMovieLensFormat()
    {
        using var dir = new TempDirectory();
        var tab = RatingsFile.Read(dir.Write("u.data", "10\t7\t3\t881250949\n2\t7\t5\t881250950\n"));
        Assert.Equal([881250949L, 881250950L], tab.Timestamps!);
        var dat = RatingsFile.Read(dir.Write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n"));
        Assert.Equal([978300760L, 978302109L], dat.Timestamps!);
        var csv = RatingsFile.Read(dir.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n"));
        Assert.Equal([1260759144L, 1260759179L], csv.Timestamps!);
    }

    [Fact]
    public void NoTimestampsWhenSomeLineHasNone()
    {
        using var dir = new TempDirectory();
        Assert.Null(RatingsFile.Read(dir.Write("a.csv", "u,i,3,100\nv,i,4\n")).Timestamps);
        Assert.Null(RatingsFile.Read(dir.Write("b.csv", "u,i,3,2020-01-01\nv,i,4,2020-01-02\n")).Timestamps);
    }

    [Fact]
    public void ATestFileSharesTheIndexSpaceAndCountsColdStart()
    {
        using var dir = new TempDirectory();
        string train = dir.Write("train.csv", "u1,a,4\nu1,b,3\nu2,a,5\n");
        string test = dir.Write("test.csv", "u2,b,2\nu3,a,4\nu1,c,5\n");
        var data = RatingsFile.ReadWithTest(train, test);
        Assert.Equal(3, data.Train.Users.Count);
        Assert.Equal(3, data.Train.Items.Count);
        Assert.Equal(3, data.Train.Ratings.Count);
        Assert.Equal(3, data.Test.Count);
        Assert.Equal(2, data.ColdStart); // u3 has no training rating, c no training rating
        Assert.Equal(new RatingScale(2, 5), data.Test.Scale);
    }

    [Theory]
    [InlineData("u2,b,2\nu3,a\n", "line 2")]
    [InlineData("u2,b,2\nu1,a,4\n", "line 2", "train.csv")]
    public void AMalformedOrLeakingTestLineNamesTheFileAndLine(string text, params string[] fragments)
    {
        using var dir = new TempDirectory();
        string train = dir.Write("train.csv", "u1,a,4\nu1,b,3\nu2,a,5\n");
        string test = dir.Write("test.csv", text);
        var e = Assert.Throws<InvalidInputException>(() => RatingsFile.ReadWithTest(train, test));
        Assert.Contains("test.csv", e.Message);
        foreach (string f in fragments) Assert.Contains(f, e.Message);
    }
}
