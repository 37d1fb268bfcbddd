using SkiaSharp;
using Xunit;

namespace LowRank.Tests.Reports;

/// <summary>Decoding and inspecting the PNG files the reporting layer writes.</summary>
internal static class PngAssert
{
    public static SKBitmap Decode(string file)
    {
        var bitmap = SKBitmap.Decode(file);
        Assert.NotNull(bitmap);
        return bitmap;
    }

    public static bool IsFlat(SKBitmap bitmap)
    {
        var first = bitmap.GetPixel(0, 0);
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y) != first) return false;
        return true;
    }

    /// <summary>True when the rectangle holds a clearly dark pixel (e.g. text) on the white background.</summary>
    public static bool HasDarkPixel(SKBitmap bitmap, int left, int top, int right, int bottom)
    {
        for (int y = top; y < bottom; y++)
            for (int x = left; x < right; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 110 && c.Green < 110 && c.Blue < 110) return true;
            }
        return false;
    }

    /// <summary>Pixels in the rectangle within <paramref name="tolerance"/> of <paramref name="colour"/> in every channel.</summary>
    public static int CountNear(SKBitmap bitmap, SKColor colour, int left, int top, int right, int bottom, int tolerance = 24)
    {
        int count = 0;
        for (int y = Math.Max(0, top); y < Math.Min(bitmap.Height, bottom); y++)
            for (int x = Math.Max(0, left); x < Math.Min(bitmap.Width, right); x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - colour.Red) <= tolerance && Math.Abs(c.Green - colour.Green) <= tolerance && Math.Abs(c.Blue - colour.Blue) <= tolerance) count++;
            }
        return count;
    }
}
