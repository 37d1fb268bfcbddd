using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class MatrixMarketFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripIsExact(bool coordinate)
    {
        Matrix m = IoFixtures.Sample();
        string path = _dir.File(coordinate ? "c.mtx" : "a.mtx");
        MatrixMarketFile.Write(path, m, coordinate);
        IoFixtures.Equal(m, MatrixMarketFile.Read(path));
        Assert.Contains(coordinate ? "coordinate" : "array", File.ReadLines(path).First());
    }

    [Fact]
    public void SymmetricCoordinateIsMirrored()
    {
        string path = _dir.Write("s.mtx", """
            %%MatrixMarket matrix coordinate real symmetric
            % a comment
            3 3 4
            1 1 2.0
            2 1 -1
            3 2 -1
            3 3 2
            """);
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 2.0, -1, 0 }, { -1, 0, -1 }, { 0, -1, 2 } }), MatrixMarketFile.Read(path));
    }

    [Fact]
    public void SkewSymmetricCoordinateIsMirroredWithMinus()
    {
        string path = _dir.Write("k.mtx", "%%MatrixMarket matrix coordinate integer skew-symmetric\n3 3 2\n2 1 5\n3 1 -7\n");
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 0.0, -5, 7 }, { 5, 0, 0 }, { -7, 0, 0 } }), MatrixMarketFile.Read(path));
    }

    [Fact]
    public void PatternEntriesAreOne()
    {
        string path = _dir.Write("p.mtx", "%%MatrixMarket matrix coordinate pattern general\n2 3 2\n1 3\n2 1\n");
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 0.0, 0, 1 }, { 1, 0, 0 } }), MatrixMarketFile.Read(path));
    }

    [Fact]
    public void SymmetricArrayListsTheLowerTriangle()
    {
        string path = _dir.Write("sa.mtx", "%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n");
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.0, 2 }, { 2, 3 } }), MatrixMarketFile.Read(path));
    }

    [Fact]
    public void TruncatedFileNamesTheLines()
    {
        string path = _dir.Write("t.mtx", "%%MatrixMarket matrix coordinate real general\n%\n3 3 4\n1 1 1\n2 2 2\n");
        Assert.Equal($"{path}: truncated: the size line (line 3) announces 4 entries but the file ends at line 5 after 2",
            IoFixtures.Error(() => MatrixMarketFile.Read(path)));
    }

    [Fact]
    public void OutOfRangeIndexNamesTheLine()
    {
        string path = _dir.Write("o.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n3 1 1\n");
        Assert.Equal($"{path}: line 4: row index 3 is outside 1..2", IoFixtures.Error(() => MatrixMarketFile.Read(path)));
    }

    [Fact]
    public void ComplexIsRefused()
    {
        string path = _dir.Write("z.mtx", "%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n");
        Assert.Contains("complex matrices are not supported", IoFixtures.Error(() => MatrixMarketFile.Read(path)));
    }

    [Fact]
    public void MissingBannerIsReported()
    {
        string path = _dir.Write("n.mtx", "2 2\n1\n2\n3\n4\n");
        Assert.Contains("not a Matrix Market file", IoFixtures.Error(() => MatrixFile.Read(path)));
    }
}
