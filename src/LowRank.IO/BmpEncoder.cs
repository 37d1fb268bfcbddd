using System.Buffers.Binary;

namespace LowRank.IO;

/// <summary>
/// Writes uncompressed 24-bit BMP files (BITMAPINFOHEADER, bottom-up rows padded to 4 bytes); Skia has no BMP encoder.
/// Alpha is not stored (24-bit BMP has none).
/// </summary>
internal static class BmpEncoder
{
    private const int HeaderSize = 14 + 40;

    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> rgba)
    {
        int rowSize = (width * 3 + 3) & ~3;
        long imageSize = (long)rowSize * height;
        if (HeaderSize + imageSize > int.MaxValue) throw new ArgumentException($"a {width}×{height} image is too large for BMP");
        var bmp = new byte[HeaderSize + imageSize];
        Span<byte> h = bmp;
        h[0] = (byte)'B';
        h[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(h[2..], bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(h[10..], HeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(h[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(h[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(h[22..], height);
        BinaryPrimitives.WriteInt16LittleEndian(h[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(h[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(h[34..], (int)imageSize);
        BinaryPrimitives.WriteInt32LittleEndian(h[38..], 2835); // 72 dpi
        BinaryPrimitives.WriteInt32LittleEndian(h[42..], 2835);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = h.Slice(HeaderSize + (height - 1 - y) * rowSize, width * 3);
            ReadOnlySpan<byte> source = rgba.Slice(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                row[3 * x] = source[4 * x + 2];
                row[3 * x + 1] = source[4 * x + 1];
                row[3 * x + 2] = source[4 * x];
            }
        }
        return bmp;
    }
}
