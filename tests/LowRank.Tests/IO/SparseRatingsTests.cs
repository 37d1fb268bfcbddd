using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>Ratings files read as sparse users × items matrices for svd, approx and pca.</summary>
public sealed class SparseRatingsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MovieLensStyleFileIsAUsersByItemsMatrixWithItsIds()
    {
        string path = _dir.Write("u.data", "10\t7\t5\t881250949\n2\t7\t3\t891717742\n10\t30\t1\t878887116\n");
        MatrixContent content = MatrixFile.ReadAny(path);
        Assert.True(content.IsSparse);
        Assert.Equal(["2", "10"], Enumerable.Range(0, content.RowIds!.Count).Select(i => content.RowIds[i]));
        Assert.Equal(["7", "30"], Enumerable.Range(0, content.ColumnIds!.Count).Select(i => content.ColumnIds[i]));
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 3.0, 0 }, { 5, 1 } }), content.Sparse!.ToDense());
    }

    [Fact]
    public void CsvIsRatingsOnlyWhenStated()
    {
        string path = _dir.Write("r.csv", "user,item,rating\nann,x,4.5\nbob,y,2\n");
        MatrixContent content = MatrixFile.ReadAny(path, new MatrixReadOptions(Ratings: true));
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 4.5, 0 }, { 0, 2 } }), content.Sparse!.ToDense());
        Assert.Contains("is not a number", IoFixtures.Error(() => MatrixFile.ReadAny(path)));
    }

    [Fact]
    public void DenseReadOfARatingsFileDensifies()
    {
        string path = _dir.Write("r.dat", "1::1::5::0\n2::2::4::0\n");
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 5.0, 0 }, { 0, 4 } }), MatrixFile.Read(path).Values);
    }
}
