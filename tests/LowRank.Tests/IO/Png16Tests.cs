using System.Buffers.Binary;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using SkiaSharp;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>16-bit PNG read and written at full precision, precision losses warned about, EXIF orientation applied.</summary>
public sealed class Png16Tests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static double Sigma1(Matrix m) => SvdSolver.Compute(m, 1, SvdMethod.Exact).S[0];

    [Fact]
    public void Grey16IsReadOnItsSixteenBitScaleAsNumpyReadsIt()
    {
        ImageData image = ImageFile.Read(Fixtures.Path("grey16.png"));
        Assert.Equal(16, image.BitDepth);
        Assert.Single(image.Channels);
        Assert.Equal((40, 24), (image.Width, image.Height));
        Assert.Equal(Fixtures.Sigma1("grey16.png"), Sigma1(image.Channels[0]), 1e-9 * Fixtures.Sigma1("grey16.png"));
    }

    [Theory]
    [InlineData("rgb16.png")]
    [InlineData("rgb16-interlaced.png")]
    public void Rgb16ChannelsMatchNumpy(string name)
    {
        ImageData image = ImageFile.Read(Fixtures.Path(name));
        Assert.Equal(16, image.BitDepth);
        Assert.Equal(3, image.Channels.Count);
        for (int c = 0; c < 3; c++)
        {
            double expected = Fixtures.Sigma1("rgb16.png " + "RGB"[c]);
            Assert.Equal(expected, Sigma1(image.Channels[c]), 1e-9 * expected);
        }
    }

    /// <summary>
    /// An independent decoder agrees: Skia's half-float decoding of the same files (11 significant bits, so within
    /// 65535·2⁻¹¹ = 32) — a check on the row filters and the Adam7 order of both the fixture script and our decoder.
    /// Only the RGB files: Skia's half-float decoding of 16-bit grey does not keep the values (measured up to 207 off).
    /// </summary>
    [Theory]
    [InlineData("rgb16.png")]
    [InlineData("rgb16-interlaced.png")]
    public void SkiaHalfFloatDecodingAgreesWithinItsPrecision(string name)
    {
        ImageData ours = ImageFile.Read(Fixtures.Path(name));
        using SKCodec codec = SKCodec.Create(Fixtures.Path(name));
        var info = new SKImageInfo(ours.Width, ours.Height, SKColorType.RgbaF16, SKAlphaType.Unpremul);
        var bytes = new byte[info.BytesSize64];
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, bytes));
        for (int y = 0; y < ours.Height; y++)
            for (int x = 0; x < ours.Width; x++)
                for (int c = 0; c < ours.Channels.Count; c++)
                {
                    double skia = (double)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(((y * ours.Width + x) * 4 + c) * 2)) * 65535;
                    Assert.InRange(ours.Channels[c][y, x] - skia, -32.0, 32.0);
                }
    }

    [Theory]
    [InlineData("grey16.png")]
    [InlineData("rgb16.png")]
    public void SixteenBitRoundTripIsBitExact(string name)
    {
        ImageData original = ImageFile.Read(Fixtures.Path(name));
        string path = _dir.File("out.png");
        Assert.Empty(ImageFile.Write(path, original));
        Assert.Equal(16, File.ReadAllBytes(path)[24]); // IHDR bit depth
        ImageData back = ImageFile.Read(path);
        Assert.Equal(16, back.BitDepth);
        Assert.Equal(original.Channels.Count, back.Channels.Count);
        for (int c = 0; c < original.Channels.Count; c++) IoFixtures.Equal(original.Channels[c], back.Channels[c]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SixteenBitAlphaRoundTripIsBitExact(int channels)
    {
        Matrix Plane(int seed)
        {
            var m = new Matrix(5, 7);
            for (int k = 0; k < m.Data.Length; k++) m.Data[k] = (k * 7919 + seed * 104729) % 65536;
            return m;
        }
        var image = new ImageData(7, 5, Enumerable.Range(0, channels).Select(Plane).ToArray(), Plane(9)) { BitDepth = 16 };
        string path = _dir.File("alpha.png");
        ImageFile.Write(path, image);
        ImageData back = ImageFile.Read(path);
        Assert.Equal(16, back.BitDepth);
        Assert.Equal(channels, back.Channels.Count);
        for (int c = 0; c < channels; c++) IoFixtures.Equal(image.Channels[c], back.Channels[c]);
        IoFixtures.Equal(image.Alpha!, back.Alpha!);
    }

    [Theory]
    [InlineData("out.jpg")]
    [InlineData("out.bmp")]
    [InlineData("out.webp")]
    public void SixteenBitWrittenAsEightBitWarnsAndKeepsTheScale(string name)
    {
        ImageData original = ImageFile.Read(Fixtures.Path("grey16.png"));
        string path = _dir.File(name);
        var warnings = ImageFile.Write(path, original);
        Assert.Contains(warnings, w => w.Contains("16-bit", StringComparison.Ordinal) && w.Contains(".png", StringComparison.Ordinal));
        ImageData back = ImageFile.Read(path);
        Assert.Equal(8, back.BitDepth);
        var differences = back.Channels[0].Data.Zip(original.Channels[0].Data, (b, o) => Math.Abs(b - o / 257)).ToArray();
        if (name == "out.jpg") Assert.True(differences.Average() < 3, $"mean difference from value/257: {differences.Average()}");
        else Assert.True(differences.Max() <= 0.5, $"largest difference from value/257: {differences.Max()}");
    }

    [Fact]
    public void ClippingWarnsAndAnInRangeWriteDoesNot()
    {
        var grey = IoFixtures.Bytes(4, 6);
        Assert.Empty(ImageFile.Write(_dir.File("ok.png"), new ImageData(6, 4, [grey], null)));
        grey[1, 2] = 300;
        grey[2, 3] = -40;
        var warnings = ImageFile.Write(_dir.File("clipped.png"), new ImageData(6, 4, [grey], null));
        Assert.Contains(warnings, w => w.Contains("2 values outside 0..255 clipped", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingValuesWrittenAsZeroAreWarnedApart()
    {
        var grey = IoFixtures.Bytes(4, 6);
        grey[0, 1] = double.NaN;
        var warnings = ImageFile.Write(_dir.File("nan.png"), new ImageData(6, 4, [grey], null));
        Assert.Equal([$"{_dir.File("nan.png")}: 1 missing (NaN) value written as 0"], warnings);
    }

    [Fact]
    public void A16BitMatrixWrittenAsPngKeepsSixteenBits()
    {
        // Values above 255 were clipped to 8 bits with a warning; a .png can hold them as 16-bit grey.
        Matrix m = ImageFile.Read(Fixtures.Path("grey16.png")).Channels[0];
        Assert.Contains(m.Data, v => v > 255);
        Assert.Empty(MatrixFile.Write(_dir.File("m.png"), m));
        ImageData back = ImageFile.Read(_dir.File("m.png"));
        Assert.Equal(16, back.BitDepth);
        IoFixtures.Equal(m, back.Channels[0]);
    }

    [Fact]
    public void MatrixBeyondSixteenBitsWrittenAsPngIsClippedWithAWarning()
    {
        var m = Matrix.FromArray(new[,] { { 0.0, 300 }, { 70_000, 5 } });
        string warning = Assert.Single(MatrixFile.Write(_dir.File("big.png"), m));
        Assert.Contains("1 value outside 0..65535 clipped", warning, StringComparison.Ordinal);
        Assert.Equal(65535, ImageFile.Read(_dir.File("big.png")).Channels[0][1, 0]);
    }

    [Fact]
    public void MatrixAbove255WrittenAsJpegIsStillClippedToEightBits()
    {
        var m = Matrix.FromArray(new[,] { { 0.0, 300 }, { 70, 5 } });
        string warning = Assert.Single(MatrixFile.Write(_dir.File("m.jpg"), m));
        Assert.Contains("outside 0..255 clipped", warning, StringComparison.Ordinal);
    }

    /// <summary>
    /// A JPEG stored sideways with EXIF orientation 6 (rotate 90° clockwise to view): 32 wide × 16 high, dark top half,
    /// bright bottom half; upright it is 16 wide × 32 high with the bright half on the left.
    /// </summary>
    [Fact]
    public void JpegExifOrientationIsApplied()
    {
        var stored = new Matrix(16, 32);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 32; x++)
                stored[y, x] = y < 8 ? 30 : 220;
        string plain = _dir.File("plain.jpg");
        ImageFile.Write(plain, new ImageData(32, 16, [stored], null));
        string rotated = _dir.Write("rotated.jpg", WithExifOrientation(File.ReadAllBytes(plain), 6));

        ImageData image = ImageFile.Read(rotated);
        Assert.Equal((16, 32), (image.Width, image.Height));
        Matrix g = image.Channels[0];
        for (int y = 0; y < 32; y++)
        {
            Assert.InRange(g[y, 2], 200.0, 240.0);
            Assert.InRange(g[y, 13], 10.0, 50.0);
        }
        Assert.Equal((32, 16), (ImageFile.Read(plain).Width, ImageFile.Read(plain).Height));
    }

    /// <summary>
    /// Every EXIF orientation: a 32 × 16 JPEG with four flat quadrants (TL 20, TR 80, BL 150, BR 230) read upright, its
    /// top-left and top-right corners as the tag's definition (TIFF 6.0 / EXIF 2.3, tag 0x0112) places them.
    /// </summary>
    [Theory]
    [InlineData(1, 20, 80)]
    [InlineData(2, 80, 20)]   // mirrored left–right
    [InlineData(3, 230, 150)] // rotated 180°
    [InlineData(4, 150, 230)] // mirrored top–bottom
    [InlineData(5, 20, 150)]  // transposed
    [InlineData(6, 150, 20)]  // rotate 90° clockwise to view
    [InlineData(7, 230, 80)]  // transverse
    [InlineData(8, 80, 230)]  // rotate 90° counter-clockwise to view
    public void EveryExifOrientationIsApplied(ushort orientation, double topLeft, double topRight)
    {
        var stored = new Matrix(16, 32);
        for (int y = 0; y < 16; y++)
            for (int x = 0; x < 32; x++)
                stored[y, x] = (y < 8, x < 16) switch { (true, true) => 20, (true, false) => 80, (false, true) => 150, _ => 230 };
        string plain = _dir.File("plain.jpg");
        ImageFile.Write(plain, new ImageData(32, 16, [stored], null));
        ImageData image = ImageFile.Read(_dir.Write("oriented.jpg", WithExifOrientation(File.ReadAllBytes(plain), orientation)));
        bool swapped = orientation >= 5;
        Assert.Equal(swapped ? (16, 32) : (32, 16), (image.Width, image.Height));
        Matrix g = image.Channels[0];
        Assert.InRange(g[2, 2], topLeft - 8, topLeft + 8);
        Assert.InRange(g[2, image.Width - 3], topRight - 8, topRight + 8);
    }

    /// <summary>Inserts an APP1 Exif segment (big-endian TIFF, one IFD entry: tag 0x0112 SHORT = orientation) after SOI.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // header, first IFD at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // orientation, SHORT, count 1
            0, 0, 0, 0, // no next IFD
        ];
        byte[] payload = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        int length = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }
}
