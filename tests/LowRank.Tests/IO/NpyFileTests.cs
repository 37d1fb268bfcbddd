using System.Buffers.Binary;
using System.Text;
using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class NpyFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RoundTripIsExact()
    {
        Matrix m = IoFixtures.Sample();
        string path = _dir.File("m.npy");
        NpyFile.Write(path, m);
        IoFixtures.Equal(m, NpyFile.Read(path));
        IoFixtures.Equal(m, MatrixFile.Read(path).Values);
    }

    [Fact]
    public void WrittenHeaderFollowsTheSpec()
    {
        string path = _dir.File("m.npy");
        NpyFile.Write(path, IoFixtures.Sample());
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.StartsWith("{'descr': '<f8', 'fortran_order': True, 'shape': (3, 4), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + headerLength + 12 * 8, bytes.Length);
    }

    [Fact]
    public void Float32COrder()
    {
        float[] values = [1.5f, -2f, 3.25f, 4f, 5f, 6.5f];
        byte[] data = new byte[values.Length * 4];
        for (int k = 0; k < values.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * k), values[k]);
        string path = _dir.Write("f4.npy", Npy(1, "<f4", false, "(2, 3)", data));
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.5, -2, 3.25 }, { 4, 5, 6.5 } }), NpyFile.Read(path));
    }

    [Fact]
    public void Int64FortranOrder()
    {
        long[] columnMajor = [1, 4, -2, 5, 3, 6_000_000_000];
        byte[] data = new byte[columnMajor.Length * 8];
        for (int k = 0; k < columnMajor.Length; k++) BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8 * k), columnMajor[k]);
        string path = _dir.Write("i8.npy", Npy(1, "<i8", true, "(2, 3)", data));
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1, -2, 3.0 }, { 4, 5, 6e9 } }), NpyFile.Read(path));
    }

    [Fact]
    public void Uint8VectorIsAColumn()
    {
        string path = _dir.Write("u1.npy", Npy(1, "|u1", false, "(3,)", [0, 128, 255]));
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 0.0 }, { 128 }, { 255 } }), NpyFile.Read(path));
    }

    [Fact]
    public void Version2HeaderAndBigEndian()
    {
        byte[] data = new byte[4 * 4];
        for (int k = 0; k < 4; k++) BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(4 * k), k - 1);
        string path = _dir.Write("v2.npy", Npy(2, ">i4", false, "(2, 2)", data));
        IoFixtures.Equal(Matrix.FromArray(new[,] { { -1.0, 0 }, { 1, 2 } }), NpyFile.Read(path));
    }

    [Fact]
    public void TruncatedDataIsReported()
    {
        string path = _dir.Write("x.npy", Npy(1, "<f8", false, "(1000, 20)", new byte[1234]));
        Assert.Equal($"{path}: truncated: header says 1000×20 float64 (160,000 bytes of data) but only 1,234 bytes follow",
            IoFixtures.Error(() => NpyFile.Read(path)));
    }

    [Fact]
    public void Float64COrderOverSeveralReadBlocksIsTransposedIntoPlace()
    {
        const int rows = 2000, cols = 300; // the C-order reader transposes 873 rows at a time: three blocks, the last one short
        byte[] data = new byte[rows * cols * 8];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8 * (i * cols + j)), i * 1000 + j + 0.25);
        var m = NpyFile.Read(_dir.Write("c8.npy", Npy(1, "<f8", false, $"({rows}, {cols})", data)));
        Assert.Equal((rows, cols), (m.Rows, m.Cols));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) Assert.Equal(i * 1000 + j + 0.25, m[i, j]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedGzippedFloat64IsReportedInEitherOrder(bool fortranOrder)
    {
        byte[] npy = Npy(1, "<f8", fortranOrder, "(1000, 20)", new byte[1234]);
        string path = _dir.File("x.npy.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            gz.Write(npy);
        Assert.Equal($"{path}: truncated: header says 1000×20 float64 (160,000 bytes of data) but only 1,234 bytes follow",
            IoFixtures.Error(() => NpyFile.Read(path)));
    }

    [Fact]
    public void TruncatedHeaderIsReported()
    {
        byte[] full = Npy(1, "<f8", false, "(2, 2)", new byte[32]);
        string path = _dir.Write("h.npy", full[..40]);
        Assert.Contains("truncated", IoFixtures.Error(() => NpyFile.Read(path)));
    }

    [Fact]
    public void ThreeDimensionalAndObjectArraysAreRefused()
    {
        string three = _dir.Write("3d.npy", Npy(1, "<f8", false, "(2, 2, 2)", new byte[64]));
        Assert.Contains("3-D array (2×2×2)", IoFixtures.Error(() => NpyFile.Read(three)));
        string obj = _dir.Write("o.npy", Npy(1, "|O", false, "(2,)", new byte[16]));
        Assert.Contains("object arrays are not supported", IoFixtures.Error(() => NpyFile.Read(obj)));
    }

    [Fact]
    public void NotNpyIsReported()
    {
        string path = _dir.Write("bad.npy", "hello, this is text");
        Assert.Contains("not a .npy file", IoFixtures.Error(() => NpyFile.Read(path)));
    }

    [Fact]
    public void NanCountsAsMissingThroughMatrixFile()
    {
        var m = Matrix.FromArray(new[,] { { 1.0, 2 }, { double.NaN, 4 } });
        string path = _dir.File("nan.npy");
        NpyFile.Write(path, m);
        MatrixData read = MatrixFile.Read(path);
        Assert.Equal(1, read.MissingCount);
        Assert.Equal("row 2, column 1", read.FirstMissingLocation);
    }

    /// <summary>A .npy file built by hand, as numpy lays it out.</summary>
    private static byte[] Npy(int major, string descr, bool fortran, string shape, byte[] data)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int prefix = major == 1 ? 10 : 12;
        int pad = (64 - (prefix + dict.Length + 1) % 64) % 64;
        byte[] header = Encoding.ASCII.GetBytes(dict + new string(' ', pad) + "\n");
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        var length = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)header.Length);
        bytes.AddRange(length);
        bytes.AddRange(header);
        bytes.AddRange(data);
        return [.. bytes];
    }
}
