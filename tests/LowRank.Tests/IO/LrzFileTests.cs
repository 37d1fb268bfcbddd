using System.Buffers.Binary;
using System.Security.Cryptography;
using LowRank.Compression;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.Compression;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>The .lrz format: round trips, exact size accounting, and refusal of every damaged file.</summary>
public class LrzFileTests
{
    private static QuantizedImage Small(int bits, bool alpha, bool ycbcr = true)
    {
        var rgb = ImageCompressorTests.Rgb(9, 7, 4);
        var compressor = ImageCompressor.Decompose(rgb, ycbcr ? ColourModel.YCbCr : ColourModel.Rgb);
        Matrix? a = null;
        if (alpha)
        {
            a = new Matrix(9, 7);
            for (int i = 0; i < a.Data.Length; i++) a.Data[i] = i * 37 % 256;
        }
        return QuantizedImage.From(compressor.Compress([3, 2, 1]), bits, a);
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(8, true)]
    [InlineData(16, true)]
    public void RoundTripsEveryField(int bits, bool alpha)
    {
        var image = Small(bits, alpha);
        var back = LrzFile.Decode(LrzFile.Encode(image), "x.lrz");
        Assert.Equal((image.Width, image.Height, image.Model, image.Bits), (back.Width, back.Height, back.Model, back.Bits));
        for (int c = 0; c < 3; c++)
        {
            QuantizedFactors p = image.Planes[c], q = back.Planes[c];
            Assert.Equal((p.Rows, p.Cols, p.Bits), (q.Rows, q.Cols, q.Bits));
            Assert.Equal(p.S, q.S);
            Assert.Equal(p.UScales, q.UScales);
            Assert.Equal(p.VScales, q.VScales);
            Assert.Equal(p.UCodes, q.UCodes);
            Assert.Equal(p.VCodes, q.VCodes);
        }
        Assert.Equal(image.Alpha?.Data, back.Alpha?.Data);
        var pixels = image.ToPixels();
        var decoded = back.ToPixels();
        for (int c = 0; c < 3; c++) Assert.Equal(pixels[c].Data, decoded[c].Data);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void TheSizeIsWhatTheHeaderAndFactorsAccountFor(int bits)
    {
        // Incompressible codes: the payload is stored raw, and the file is exactly header + factors + checksum.
        var rng = new Random(bits);
        var noisy = Small(bits, alpha: false);
        int max = QuantizedFactors.MaxCode(bits);
        foreach (var p in noisy.Planes)
        {
            foreach (short[] codes in new[] { p.UCodes, p.VCodes })
                for (int i = 0; i < codes.Length; i++) codes[i] = (short)rng.Next(-max, max + 1);
        }
        byte[] file = LrzFile.Encode(noisy);
        long factors = new[] { 3, 2, 1 }.Sum(k => k * (3 * 8 + (9 + 7) * bits / 8));
        Assert.Equal(LrzFile.HeaderBytes(3) + factors + LrzFile.ChecksumBytes, file.Length);
        Assert.Equal(22 + 12, LrzFile.HeaderBytes(3));
        Assert.Equal(factors, LrzFile.RawPayloadBytes(7, 9, bits, [3, 2, 1], alpha: false));
        Assert.Equal(0, file[17] & 2);

        // A constant alpha plane deflates: the flag is set and the stored length still accounts for every byte.
        var flat = noisy with { Alpha = new Matrix(9, 7) };
        byte[] deflated = LrzFile.Encode(flat);
        Assert.Equal(2, deflated[17] & 2);
        int stored = BinaryPrimitives.ReadInt32LittleEndian(deflated.AsSpan(LrzFile.HeaderBytes(3) - 4));
        Assert.True(stored < factors + 63);
        Assert.Equal(LrzFile.HeaderBytes(3) + stored + LrzFile.ChecksumBytes, deflated.Length);
        Assert.Equal(new double[63], LrzFile.Decode(deflated, "x.lrz").Alpha!.Data);
    }

    [Fact]
    public void EveryFlippedByteIsRefused()
    {
        byte[] file = LrzFile.Encode(Small(8, alpha: true));
        for (int i = 0; i < file.Length; i++)
        {
            byte[] copy = (byte[])file.Clone();
            copy[i] ^= 0x10;
            Assert.Throws<InvalidInputException>(() => LrzFile.Decode(copy, "x.lrz"));
        }
    }

    [Fact]
    public void EveryTruncationAndAnyTrailingByteIsRefused()
    {
        byte[] file = LrzFile.Encode(Small(16, alpha: false, ycbcr: false));
        for (int n = 1; n < file.Length; n++)
            Assert.Contains("truncated", Assert.Throws<InvalidInputException>(() => LrzFile.Decode(file.AsSpan(0, n), "x.lrz")).Message);
        Assert.Contains("empty", Assert.Throws<InvalidInputException>(() => LrzFile.Decode([], "x.lrz")).Message);
        var e = Assert.Throws<InvalidInputException>(() => LrzFile.Decode([.. file, 0], "x.lrz"));
        Assert.Contains("after the checksum", e.Message);
    }

    [Fact]
    public void ForeignAndFutureFilesAreRefusedWithTheReason()
    {
        var foreign = Assert.Throws<InvalidInputException>(() => LrzFile.Decode("\x89PNG\r\n\x1a\n0000000000000000000000000000000000000000"u8, "x.lrz"));
        Assert.Contains("not a .lrz file", foreign.Message);

        byte[] file = LrzFile.Encode(Small(8, alpha: false));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), LrzFile.Version + 1);
        SHA256.HashData(file.AsSpan(0, file.Length - 32), file.AsSpan(file.Length - 32));
        var future = Assert.Throws<InvalidInputException>(() => LrzFile.Decode(file, "x.lrz"));
        Assert.Contains("newer", future.Message);
        Assert.StartsWith("x.lrz: ", future.Message);
    }
}
