using LowRank.Completion;
using LowRank.IO;
using Xunit;

namespace LowRank.Tests.IO;

public class RatingsFileTests
{
    [Fact]
    public void MovieLensTabSeparatedWithIdsInNumericOrder()
    {
        using var dir = new TempDirectory();
        var data = RatingsFile.Read(dir.Write("u.data", "10\t7\t3\t881250949\n2\t7\t5\t881250950\n10\t100\t1\t881250951\n"));
        Assert.Equal(3, data.Ratings.Count);
        Assert.Equal(["2", "10"], Enumerable.Range(0, data.Users.Count).Select(i => data.Users[i]));
        Assert.Equal(["7", "100"], Enumerable.Range(0, data.Items.Count).Select(i => data.Items[i]));
        Assert.Equal(new RatingScale(1, 5), data.Ratings.Scale);
        Assert.True(data.Users.TryGetIndex("10", out int u));
        Assert.Equal(1, u);
    }

    [Fact]
    public void DoubleColonAndCsvWithHeader()
    {
        using var dir = new TempDirectory();
        var dat = RatingsFile.Read(dir.Write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n"));
        Assert.Equal(2, dat.Ratings.Count);
        var csv = RatingsFile.Read(dir.Write("r.csv", "userId,movieId,rating,timestamp\nalice,m1,4.5,1\nbob,m1,0.5,2\n"), new RatingScale(0.5, 5));
        Assert.Equal(2, csv.Ratings.Count);
        Assert.Equal(["alice", "bob"], Enumerable.Range(0, csv.Users.Count).Select(i => csv.Users[i]));
        Assert.Equal(new RatingScale(0.5, 5), csv.Ratings.Scale);
    }

    [Theory]
    [InlineData("1,2,3\n1,3\n", "line 2 has 2 fields")]
    [InlineData("1,2,3\n1,3,x\n", "line 2: the rating (field 3) 'x' is not a finite number")]
    [InlineData("1,2,3\n1,3,NaN\n", "line 2")]
    [InlineData("1,2,3\n\n1,3,4\n1,2,5\n", "line 4: user 1 rates item 2 again (first on line 1)")]
    [InlineData(",2,3\n", "line 1: the user id (field 1) is empty")]
    public void BadLinesNameTheLine(string text, string message)
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InvalidInputException>(() => RatingsFile.Read(dir.Write("r.csv", text)));
        Assert.Contains("r.csv", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void TitlesAreReadFromTheCatalogueBesideTheRatings()
    {
        using var dir = new TempDirectory();
        string ratings = dir.Write("u.data", "1\t7\t3\t0\n");
        Assert.Null(ItemTitles.NextTo(ratings));
        dir.Write("u.item", "7|Toy Story (1995)|01-Jan-1995||http://x|0|0\n\n8|GoldenEye (1995)|01-Jan-1995\n");
        var titles = ItemTitles.NextTo(ratings)!;
        Assert.Equal("Toy Story (1995)", titles["7"]);
        Assert.Equal("GoldenEye (1995)", titles["8"]);
        Assert.Equal(2, titles.Count);

        using var other = new TempDirectory();
        other.Write("movies.dat", "1::Heat (1995)::Action|Crime\n");
        Assert.Equal("Heat (1995)", ItemTitles.NextTo(other.Write("ratings.dat", "1::1::5::0\n"))!["1"]);
    }

    [Fact]
    public void OutOfScaleRatingNamesTheLine()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InvalidInputException>(() => RatingsFile.Read(dir.Write("r.csv", "1,2,3\n1,3,6\n"), new RatingScale(1, 5)));
        Assert.Contains("line 2: the rating (field 3) 6 is outside the scale [1, 5]", e.Message);
    }
}
