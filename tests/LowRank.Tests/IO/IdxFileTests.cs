using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class IdxFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("items-idx3-ubyte")]
    [InlineData("items-idx3-ubyte.gz")]
    public void UnsignedBytesRoundTrip(string name)
    {
        byte[] values = Enumerable.Range(0, 2 * 3 * 4).Select(k => (byte)(k * 10)).ToArray();
        string path = _dir.File(name);
        IdxFile.Write(path, [2, 3, 4], values);
        if (name.EndsWith(".gz")) Assert.Equal(new byte[] { 0x1f, 0x8b }, File.ReadAllBytes(path)[..2]);
        (int[] dims, double[] read) = IdxFile.Read(path);
        Assert.Equal([2, 3, 4], dims);
        Assert.Equal(values.Select(v => (double)v), read);
    }

    [Fact]
    public void ThreeDimensionalBecomesOneItemPerRow()
    {
        byte[] values = Enumerable.Range(0, 2 * 2 * 3).Select(k => (byte)k).ToArray();
        string path = _dir.File("images.idx");
        IdxFile.Write(path, [2, 2, 3], values);
        Matrix m = MatrixFile.Read(path).Values;
        Assert.Equal(2, m.Rows);
        Assert.Equal(6, m.Cols);
        Assert.Equal(5, m[0, 5]);
        Assert.Equal(6, m[1, 0]);
    }

    [Fact]
    public void LabelsBecomeAColumn()
    {
        string path = _dir.File("labels-idx1-ubyte");
        IdxFile.Write(path, [3], [7, 2, 1]);
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 7.0 }, { 2 }, { 1 } }), MatrixFile.Read(path).Values);
    }

    [Theory]
    [InlineData(IdxDataType.SignedByte)]
    [InlineData(IdxDataType.Short)]
    [InlineData(IdxDataType.Int)]
    [InlineData(IdxDataType.Float)]
    [InlineData(IdxDataType.Double)]
    public void TypedValuesRoundTrip(IdxDataType type)
    {
        double[] values = [-3, 0, 5, 100, -128, 127];
        string path = _dir.File($"t{type}.idx");
        IdxFile.Write(path, [2, 3], values, type);
        (int[] dims, double[] read) = IdxFile.Read(path);
        Assert.Equal([2, 3], dims);
        Assert.Equal(values, read);
    }

    [Fact]
    public void MatrixWrittenAsIdxRoundTrips()
    {
        Matrix m = IoFixtures.Sample();
        string path = _dir.File("m.idx.gz");
        MatrixFile.Write(path, m);
        IoFixtures.Equal(m, MatrixFile.Read(path).Values);
    }

    [Fact]
    public void TruncatedDataIsReported()
    {
        string path = _dir.File("full-idx3-ubyte");
        IdxFile.Write(path, [10, 28, 28], new byte[10 * 28 * 28]);
        byte[] bytes = File.ReadAllBytes(path);
        string cut = _dir.Write("cut-idx3-ubyte", bytes[..1000]);
        Assert.Equal($"{cut}: truncated: header says 10×28×28 unsigned byte values (7,840 bytes of data) but only 984 bytes follow",
            IoFixtures.Error(() => IdxFile.Read(cut)));
    }

    [Fact]
    public void TruncatedGzipIsReported()
    {
        string path = _dir.File("full-idx3-ubyte.gz");
        IdxFile.Write(path, [10, 28, 28], Enumerable.Range(0, 7840).Select(k => (byte)(k * 7919 % 251)).ToArray());
        byte[] bytes = File.ReadAllBytes(path);
        string cut = _dir.Write("cut-idx3-ubyte.gz", bytes[..(bytes.Length / 2)]);
        Assert.StartsWith($"{cut}: ", IoFixtures.Error(() => IdxFile.Read(cut)));
    }

    [Fact]
    public void TruncatedHeaderIsReported()
    {
        string path = _dir.Write("h.idx", new byte[] { 0, 0, 8, 3, 0, 0, 0, 10 });
        Assert.Contains("truncated", IoFixtures.Error(() => IdxFile.Read(path)));
    }
}
