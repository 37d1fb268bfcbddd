using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>Delimiter detection, --delimiter / --decimal-comma as <see cref="TextReadOptions"/>, the pandas index column.</summary>
public sealed class TextReadOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static double Sigma1(Matrix m) => SvdSolver.Compute(m, 1, SvdMethod.Exact).S[0];

    [Fact]
    public void PandasIndexColumnIsDroppedWithANote()
    {
        MatrixData data = MatrixFile.Read(Fixtures.Path("pandas-index.csv"));
        Assert.Equal((6, 3), (data.Values.Rows, data.Values.Cols));
        Assert.Equal(Fixtures.Sigma1("pandas-index.csv"), Sigma1(data.Values), 1e-12);
        string note = Assert.Single(data.Notes);
        Assert.Contains("pandas index", note, StringComparison.Ordinal);
    }

    [Fact]
    public void PandasDefaultColumnLabelsAreAHeaderAndTheIndexIsDropped()
    {
        // pd.DataFrame(np.array([[1, 2], [3, 4], [5, 7]])).to_csv() writes exactly this.
        MatrixData data = MatrixFile.Read(_dir.Write("frame.csv", ",0,1\n0,1,2\n1,3,4\n2,5,7\n"));
        Assert.Equal(Matrix.FromArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 7 } }).Data, data.Values.Data);
        Assert.Equal(0, data.MissingCount);
        Assert.Contains("pandas index", Assert.Single(data.Notes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,a,b\n0,1,2\n1,3,4\n2,5,7\n")] // a named first column is data
    [InlineData(",a,b\n1,1,2\n2,3,4\n3,5,7\n")] // labels 1..n are not pandas' default index
    [InlineData(",a,b\n0,1,2\n2,3,4\n1,5,7\n")] // nor are shuffled ones
    public void OtherFirstColumnsAreKept(string text)
    {
        MatrixData data = MatrixFile.Read(_dir.Write("m.csv", text));
        Assert.Equal(3, data.Values.Cols);
        Assert.Empty(data.Notes);
    }

    [Fact]
    public void SemicolonDecimalCommaFileIsReadWithDecimalComma()
    {
        MatrixData data = MatrixFile.Read(Fixtures.Path("semicolon-decimal-comma.csv"), new TextReadOptions(DecimalComma: true));
        Assert.Equal((5, 9), (data.Values.Rows, data.Values.Cols));
        Assert.Equal(Fixtures.Sigma1("semicolon-decimal-comma.csv"), Sigma1(data.Values), 1e-9);
    }

    [Fact]
    public void DecimalCommaWithoutTheOptionNamesIt()
    {
        string message = IoFixtures.Error(() => MatrixFile.Read(Fixtures.Path("semicolon-decimal-comma.csv")));
        Assert.Contains("line 2, column 1: '9,638' is not a number", message, StringComparison.Ordinal);
        Assert.Contains("--decimal-comma", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m.csv", "1.5;2;3\n4;5;6\n")]
    [InlineData("m.csv", "1.5\t2\t3\n4\t5\t6\n")]
    [InlineData("m.csv", "1.5  2 3\n4 5   6\n")]
    [InlineData("m.txt", "a;b;c\n1.5;2;3\n4;5;6\n")]
    [InlineData("m.csv", "a,b,c\n1.5,2,3\n4,5,6\n")]
    [InlineData("m.txt", "\"x;y\",b,c\n1.5,2,3\n4,5,6\n")] // a semicolon inside quotes is not a delimiter
    public void DelimiterIsDetected(string name, string text)
    {
        Matrix m = MatrixFile.Read(_dir.Write(name, text)).Values;
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.5, 2, 3 }, { 4, 5, 6 } }), m);
    }

    [Fact]
    public void GivenDelimiterWins()
    {
        // Detection would take the comma (consistent on every line); the user says semicolon.
        string path = _dir.Write("m.txt", "1,5;2\n3,25;4\n");
        Matrix m = MatrixFile.Read(path, new TextReadOptions(TextDelimiter.Semicolon, DecimalComma: true)).Values;
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.5, 2 }, { 3.25, 4 } }), m);
    }

    [Fact]
    public void DecimalCommaWithCommaDelimiterIsRefused()
    {
        string path = _dir.Write("m.csv", "1,5,2,5\n3,5,4,5\n");
        string message = IoFixtures.Error(() => MatrixFile.Read(path, new TextReadOptions(TextDelimiter.Comma, DecimalComma: true)));
        Assert.Contains("ambiguous", message, StringComparison.Ordinal);
        Assert.Contains("--delimiter", message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecimalCommaFileWithCommasBetweenFieldsSaysToGiveTheDelimiter()
    {
        // With a decimal comma the comma is not a delimiter candidate, so each line is one cell that is not a number.
        string path = _dir.Write("m.csv", "1,5,2,5\n3,5,4,5\n");
        string message = IoFixtures.Error(() => MatrixFile.Read(path, new TextReadOptions(DecimalComma: true)));
        Assert.Contains("the comma cannot be the delimiter", message, StringComparison.Ordinal);
        Assert.Contains("--delimiter", message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhitespaceFileWithDecimalCommasReads()
    {
        // Two commas on every line looked like a consistent comma delimiter, which the decimal comma then refused.
        string path = _dir.Write("m.txt", "1,5 2,5\n3,5 4,25\n");
        Matrix m = MatrixFile.Read(path, new TextReadOptions(DecimalComma: true)).Values;
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.5, 2.5 }, { 3.5, 4.25 } }), m);
    }

    [Fact]
    public void OneColumnFileWithDecimalCommasReads()
    {
        string path = _dir.Write("m.csv", "1,5\n2,25\n");
        Matrix m = MatrixFile.Read(path, new TextReadOptions(DecimalComma: true)).Values;
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.5 }, { 2.25 } }), m);
    }

    [Fact]
    public void WhitespaceRatingsWithDecimalCommasRead()
    {
        // The ratings separator rule took the decimal comma for the separator and refused it as ambiguous.
        string path = _dir.Write("r.txt", "u1 i1 3,5\nu2 i1 4\n");
        RatingsData data = RatingsFile.Read(path, text: new TextReadOptions(DecimalComma: true));
        Assert.Equal([3.5, 4], data.Ratings.Values);
    }

    [Fact]
    public void RatingsWithSemicolonsAndDecimalCommas()
    {
        string path = _dir.Write("r.csv", "user;item;rating\nu1;i1;3,5\nu2;i1;4\nu1;i2;1,5\n");
        RatingsData data = RatingsFile.Read(path, text: new TextReadOptions(DecimalComma: true));
        Assert.Equal([3.5, 4, 1.5], data.Ratings.Values);
        Assert.Contains("--decimal-comma", IoFixtures.Error(() => RatingsFile.Read(path)), StringComparison.Ordinal);
        Assert.Contains("ambiguous", IoFixtures.Error(() =>
            RatingsFile.Read(path, text: new TextReadOptions(TextDelimiter.Comma, DecimalComma: true))), StringComparison.Ordinal);
    }
}
