using System.Numerics;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// Converts between <see cref="ImageData"/> and interleaved RGBA pixel buffers (row-major, top row first) of 8-bit
/// (<see cref="byte"/>) or 16-bit (<see cref="ushort"/>) samples.
/// </summary>
internal static class RgbaPixels
{
    /// <summary>
    /// Splits an RGBA buffer (<paramref name="rowStride"/> samples per row) into channels; one channel when every pixel
    /// has R = G = B, alpha only if not all at the maximum. The image's bit depth is that of <typeparamref name="T"/>.
    /// </summary>
    public static ImageData ToImage<T>(int width, int height, ReadOnlySpan<T> rgba, int rowStride)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        bool grey = true, opaque = true;
        for (int y = 0; y < height && (grey || opaque); y++)
        {
            ReadOnlySpan<T> row = rgba.Slice(y * rowStride, width * 4);
            for (int p = 0; p < row.Length; p += 4)
            {
                grey &= row[p] == row[p + 1] && row[p] == row[p + 2];
                opaque &= row[p + 3] == T.MaxValue;
            }
        }
        var channels = new Matrix[grey ? 1 : 3];
        for (int c = 0; c < channels.Length; c++) channels[c] = Channel(width, height, rgba, rowStride, c);
        return new ImageData(width, height, channels, opaque ? null : Channel(width, height, rgba, rowStride, 3))
        {
            BitDepth = typeof(T) == typeof(ushort) ? 16 : 8,
        };
    }

    /// <summary>
    /// Interleaves the channels into RGBA bytes (rounded, clamped to 0..255, NaN as 0); a grey image fills R, G and B;
    /// alpha is 255 when absent or when <paramref name="keepAlpha"/> is false.
    /// </summary>
    public static byte[] FromImage(ImageData image, bool keepAlpha)
    {
        Validate(image);
        int w = image.Width, h = image.Height;
        var rgba = new byte[(long)w * h * 4];
        Matrix? alpha = keepAlpha ? image.Alpha : null;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                long p = ((long)y * w + x) * 4;
                for (int c = 0; c < 3; c++) rgba[p + c] = ToByte(image.Channels[image.IsGrey ? 0 : c][y, x]);
                rgba[p + 3] = alpha == null ? (byte)255 : ToByte(alpha[y, x]);
            }
        }
        return rgba;
    }

    /// <summary>One byte per pixel, for greyscale encoders.</summary>
    public static byte[] GreyBytes(ImageData image)
    {
        Validate(image);
        var bytes = new byte[(long)image.Width * image.Height];
        Matrix g = image.Channels[0];
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                bytes[(long)y * image.Width + x] = ToByte(g[y, x]);
        return bytes;
    }

    public static byte ToByte(double v) => double.IsNaN(v) ? (byte)0 : (byte)Math.Clamp(Math.Round(v), 0, 255);

    public static void Validate(ImageData image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Width <= 0 || image.Height <= 0) throw new ArgumentException($"image size {image.Width}×{image.Height} is empty");
        if (image.Channels.Count is not (1 or 3)) throw new ArgumentException($"an image has 1 or 3 channels, not {image.Channels.Count}");
        if (image.BitDepth is not (8 or 16)) throw new ArgumentException($"an image has 8 or 16 bits per sample, not {image.BitDepth}");
        foreach (Matrix m in image.Alpha == null ? image.Channels : [.. image.Channels, image.Alpha])
            if (m.Rows != image.Height || m.Cols != image.Width)
                throw new ArgumentException($"a channel is {m.Rows}×{m.Cols}, the image is {image.Height}×{image.Width} (height×width)");
    }

    private static Matrix Channel<T>(int width, int height, ReadOnlySpan<T> rgba, int rowStride, int c)
        where T : unmanaged, IBinaryInteger<T>
    {
        var m = new Matrix(height, width);
        for (int x = 0; x < width; x++)
        {
            Span<double> column = m.Column(x);
            for (int y = 0; y < height; y++) column[y] = double.CreateTruncating(rgba[y * rowStride + x * 4 + c]);
        }
        return m;
    }
}
