using SkiaSharp;
using Xunit;

namespace LowRank.Tests.Reports;

/// <summary>A fresh temporary directory per test, deleted afterwards; plus PNG decoding helpers.</summary>
internal sealed class ReportsTempDirectory : IDisposable
{
    public ReportsTempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lowrank-reports-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of all files in the directory, hidden temporaries included.</summary>
    public string[] FileNames() =>
        Directory.GetFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order().ToArray();

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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
