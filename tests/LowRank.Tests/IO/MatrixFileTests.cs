using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class MatrixFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("m.csv")]
    [InlineData("m.tsv")]
    [InlineData("m.txt")]
    [InlineData("m.npy")]
    [InlineData("m.mtx")]
    [InlineData("m.idx")]
    [InlineData("m.idx.gz")]
    public void NumericFormatsRoundTripExactly(string name)
    {
        Matrix m = IoFixtures.Sample();
        string path = _dir.File(name);
        MatrixFile.Write(path, m);
        MatrixData read = MatrixFile.Read(path);
        IoFixtures.Equal(m, read.Values);
        Assert.Equal(0, read.MissingCount);
    }

    [Theory]
    [InlineData("g.png")]
    [InlineData("g.bmp")]
    [InlineData("g.webp")]
    public void GreyImagesRoundTripExactly(string name)
    {
        Matrix m = IoFixtures.Bytes(9, 13);
        string path = _dir.File(name);
        MatrixFile.Write(path, m);
        IoFixtures.Equal(m, MatrixFile.Read(path).Values);
    }

    [Fact]
    public void UnknownExtensionListsTheSupportedOnes()
    {
        string path = _dir.Write("data.xlsx", "x");
        string message = IoFixtures.Error(() => MatrixFile.Read(path));
        Assert.StartsWith($"{path}: unsupported file type", message);
        Assert.Contains(".csv", message);
        Assert.Contains(".npy", message);
        Assert.Contains(".mtx", message);
        Assert.Contains(".png", message);
        Assert.Contains("IDX", message);
        Assert.StartsWith($"{_dir.File("out.xlsx")}: unsupported", IoFixtures.Error(() => MatrixFile.Write(_dir.File("out.xlsx"), IoFixtures.Sample())));
    }

    [Theory]
    [InlineData("a.png", true)]
    [InlineData("a.JPG", true)]
    [InlineData("a.jpeg", true)]
    [InlineData("a.webp", true)]
    [InlineData("a.bmp", true)]
    [InlineData("a.csv", false)]
    [InlineData("train-images-idx3-ubyte", false)]
    public void IsImageFollowsTheExtension(string name, bool expected) => Assert.Equal(expected, MatrixFile.IsImage(name));

    [Fact]
    public void InfinityInBinaryFormatsIsRefused()
    {
        string path = _dir.File("inf.npy");
        NpyFile.Write(path, Matrix.FromArray(new[,] { { 1.0, double.PositiveInfinity } }));
        Assert.Equal($"{path}: row 1, column 2 is infinite; only finite numbers are allowed", IoFixtures.Error(() => MatrixFile.Read(path)));
    }
}
