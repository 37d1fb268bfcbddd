using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class DelimitedFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("m.csv", ',')]
    [InlineData("m.tsv", '\t')]
    [InlineData("m.txt", ' ')]
    [InlineData("m2.txt", ';')]
    public void RoundTripIsExact(string name, char delimiter)
    {
        Matrix m = IoFixtures.Sample();
        string path = _dir.File(name);
        DelimitedFile.Write(path, m, delimiter);
        MatrixData read = DelimitedFile.Read(path);
        IoFixtures.Equal(m, read.Values);
        Assert.Equal(0, read.MissingCount);
        Assert.Null(read.FirstMissingLocation);
    }

    [Fact]
    public void MatrixFileRoundTripsCsvTsvTxt()
    {
        Matrix m = IoFixtures.Sample();
        foreach (string name in new[] { "a.csv", "a.tsv", "a.txt" })
        {
            string path = _dir.File(name);
            MatrixFile.Write(path, m);
            IoFixtures.Equal(m, MatrixFile.Read(path).Values);
        }
    }

    [Fact]
    public void HeaderAndMissingMarkersAreRecognised()
    {
        string path = _dir.Write("data.csv", "a,b,c\n1,2,3\n4,,NA\n?,nan,9\n\n\n");
        MatrixData read = DelimitedFile.Read(path);
        Assert.Equal(3, read.Values.Rows);
        Assert.Equal(3, read.Values.Cols);
        Assert.Equal(4, read.MissingCount);
        Assert.Equal("line 3, column 2", read.FirstMissingLocation);
        Assert.Equal(1, read.Values[0, 0]);
        Assert.Equal(9, read.Values[2, 2]);
        Assert.True(double.IsNaN(read.Values[1, 1]));
        Assert.True(double.IsNaN(read.Values[1, 2]));
        Assert.True(double.IsNaN(read.Values[2, 0]));
        Assert.True(double.IsNaN(read.Values[2, 1]));
        Assert.False(double.IsNaN(read.Values[1, 0]));
    }

    [Fact]
    public void QuotedFieldsCrLfAndCommentsAreAccepted()
    {
        string path = _dir.Write("q.csv", "# comment\r\n\"x\",\"y\"\r\n\"1.5\", 2\r\n-3,\"4e2\"\r\n");
        MatrixData read = DelimitedFile.Read(path);
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.5, 2 }, { -3, 400 } }), read.Values);
    }

    [Fact]
    public void TxtDetectsWhitespaceAndTabs()
    {
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.0, 2 }, { 3, 4 } }), DelimitedFile.Read(_dir.Write("w.txt", "  1   2\n3\t 4 \n")).Values);
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.0, 2 }, { 3, 4 } }), DelimitedFile.Read(_dir.Write("s.txt", "1;2\n3;4\n")).Values);
    }

    [Fact]
    public void RaggedRowNamesTheLine()
    {
        string path = _dir.Write("data.csv", "1,2,3,4\n5,6,7,8\n\n9,10,11\n");
        Assert.Equal($"{path}: line 4 has 3 fields, line 1 has 4", IoFixtures.Error(() => DelimitedFile.Read(path)));
    }

    [Fact]
    public void NonNumericCellNamesLineAndColumn()
    {
        string path = _dir.Write("data.csv", "1,2\n3,4\n5,abc\n");
        Assert.Equal($"{path}: line 3, column 2: 'abc' is not a number", IoFixtures.Error(() => DelimitedFile.Read(path)));
    }

    [Theory]
    [InlineData("inf")]
    [InlineData("-Inf")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public void InfinityIsRejected(string cell)
    {
        string path = _dir.Write("inf.csv", $"1,2\n3,{cell}\n");
        string message = IoFixtures.Error(() => DelimitedFile.Read(path));
        Assert.StartsWith($"{path}: line 2, column 2:", message);
        Assert.Contains("infinite", message);
    }

    [Fact]
    public void EmptyFileIsReported()
    {
        string path = _dir.Write("data.csv", "\n  \n");
        Assert.Equal($"{path}: the file is empty", IoFixtures.Error(() => DelimitedFile.Read(path)));
    }

    [Fact]
    public void MissingFileIsReported()
    {
        string path = _dir.File("nothere.csv");
        Assert.Equal($"{path}: no such file", IoFixtures.Error(() => DelimitedFile.Read(path)));
        Assert.Equal($"{path}: no such file", IoFixtures.Error(() => MatrixFile.Read(path)));
    }

    [Fact]
    public void DirectoryIsReported()
    {
        string path = _dir.File("dir.csv");
        Directory.CreateDirectory(path);
        Assert.Contains("is a directory", IoFixtures.Error(() => MatrixFile.Read(path)));
    }

    [Fact]
    public void UnclosedQuoteIsReported()
    {
        string path = _dir.Write("q.csv", "1,2\n\"3,4\n");
        Assert.Contains("line 2", IoFixtures.Error(() => DelimitedFile.Read(path)));
    }

    [Fact]
    public void NanIsWrittenAsMissing()
    {
        var m = Matrix.FromArray(new[,] { { 1.0, double.NaN } });
        string path = _dir.File("nan.csv");
        DelimitedFile.Write(path, m, ',');
        MatrixData read = DelimitedFile.Read(path);
        Assert.Equal(1, read.MissingCount);
        Assert.Equal("line 1, column 2", read.FirstMissingLocation);
    }
}
