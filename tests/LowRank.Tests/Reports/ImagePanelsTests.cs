using LowRank.IO;
using LowRank.Linalg;
using LowRank.Reports;
using SkiaSharp;
using Xunit;

namespace LowRank.Tests.Reports;

public class ImagePanelsTests
{
    private const int M = ImagePanels.Margin;

    private static Matrix Constant(int rows, int cols, double value)
    {
        var m = new Matrix(rows, cols);
        Array.Fill(m.Data, value);
        return m;
    }

    [Fact]
    public void WidthIsSumOfColumnWidthsPlusMargins()
    {
        using var dir = new TempDirectory();
        string file = dir.File("side.png");
        // A 200×300 panel (wider than MinColumnWidth) and a 50×50 one (its column is MinColumnWidth wide).
        ImagePanels.SideBySide(file, [("big", Constant(200, 300, 40)), ("small", Constant(50, 50, 200))]);

        using var png = PngAssert.Decode(file);
        Assert.Equal(M + 300 + M + ImagePanels.MinColumnWidth + M, png.Width);
        Assert.True(png.Height >= M + 200 + M, $"height {png.Height}");
        Assert.Equal(new SKColor(40, 40, 40), png.GetPixel(M + 150, M + 100));
        int smallLeft = M + 300 + M + (ImagePanels.MinColumnWidth - 50) / 2;
        Assert.Equal(new SKColor(200, 200, 200), png.GetPixel(smallLeft + 25, M + 25));
        Assert.True(PngAssert.HasDarkPixel(png, M, M + 200 + 4, M + 300, png.Height), "no caption text rendered");
        Assert.Equal(["side.png"], dir.FileNames());
    }

    [Fact]
    public void HeatMapScalesSmallMatrixWithNearestNeighbour()
    {
        using var dir = new TempDirectory();
        string file = dir.File("heat.png");
        var checker = Matrix.FromArray(new double[,] { { 0, 255 }, { 255, 0 } });
        ImagePanels.HeatMap(file, [("checker", checker)], minPanelSize: 160);

        using var png = PngAssert.Decode(file);
        // 2×2 cells enlarged by 80 → a 160×160 panel at (M, M); the column is 160 wide (≥ MinColumnWidth).
        Assert.Equal(M + 160 + M, png.Width);
        var black = new SKColor(0, 0, 0);
        var white = new SKColor(255, 255, 255);
        Assert.Equal(black, png.GetPixel(M, M));
        Assert.Equal(black, png.GetPixel(M + 79, M + 79));
        Assert.Equal(white, png.GetPixel(M + 80, M));
        Assert.Equal(white, png.GetPixel(M + 159, M + 79));
        Assert.Equal(white, png.GetPixel(M + 40, M + 120));
        Assert.Equal(black, png.GetPixel(M + 120, M + 120));
        Assert.Equal(black, png.GetPixel(M + 159, M + 159));
    }

    [Fact]
    public void HeatMapNormalizesArbitraryValuesAndEnlargesNonSquareMatrix()
    {
        using var dir = new TempDirectory();
        string file = dir.File("heat.png");
        var a = Matrix.FromArray(new double[,] { { 4, 11, 14 }, { 8, 7, -2 } });
        ImagePanels.HeatMap(file, [("A", a)]);

        using var png = PngAssert.Decode(file);
        // 2×3 with the longer side ≥ 160: factor ceil(160 / 3) = 54 → 162×108.
        Assert.Equal(M + 162 + M, png.Width);
        Assert.Equal(new SKColor(255, 255, 255), png.GetPixel(M + 2 * 54 + 27, M + 27)); // 14 is the maximum
        Assert.Equal(new SKColor(0, 0, 0), png.GetPixel(M + 2 * 54 + 27, M + 54 + 27));  // -2 is the minimum
        byte expected = (byte)Math.Round((4 - -2) * 255.0 / 16);
        Assert.Equal(new SKColor(expected, expected, expected), png.GetPixel(M + 27, M + 27));
    }

    [Fact]
    public void GreyValuesAreClampedAndMissingIsRed()
    {
        using var dir = new TempDirectory();
        string file = dir.File("grey.png");
        var m = Matrix.FromArray(new double[,] { { -5, 100, 300, double.NaN } });
        ImagePanels.SideBySide(file, [("clamped", m)], minPanelSize: 40);

        using var png = PngAssert.Decode(file);
        int left = M + (ImagePanels.MinColumnWidth - 40) / 2; // 4 cells × 10 px, centred in its column
        Assert.Equal(new SKColor(0, 0, 0), png.GetPixel(left + 5, M + 5));
        Assert.Equal(new SKColor(100, 100, 100), png.GetPixel(left + 15, M + 5));
        Assert.Equal(new SKColor(255, 255, 255), png.GetPixel(left + 25, M + 5));
        var missing = png.GetPixel(left + 35, M + 5);
        Assert.True(missing.Red > 150 && missing.Green < 100, $"missing entry drawn as {missing}");
    }

    [Fact]
    public void ColourPanelsAndMaxPanelWidth()
    {
        using var dir = new TempDirectory();
        string file = dir.File("colour.png");
        var red = new[] { Constant(100, 400, 255), Constant(100, 400, 0), Constant(100, 400, 0) };
        ImagePanels.SideBySide(file, new List<(string, IReadOnlyList<Matrix>)> { ("red", red) }, maxPanelWidth: 200);

        using var png = PngAssert.Decode(file);
        Assert.Equal(M + 200 + M, png.Width);
        Assert.Equal(new SKColor(255, 0, 0), png.GetPixel(M + 100, M + 25));
    }

    [Fact]
    public void ImageDataPanelsCompositeAlphaOverWhite()
    {
        using var dir = new TempDirectory();
        string file = dir.File("image.png");
        var opaqueBlue = new ImageData(3, 2, [Constant(2, 3, 0), Constant(2, 3, 0), Constant(2, 3, 255)], null);
        var halfGrey = new ImageData(3, 2, [Constant(2, 3, 0)], Constant(2, 3, 127.5));
        ImagePanels.SideBySide(file, [("blue", opaqueBlue), ("half-transparent black", halfGrey)], minPanelSize: 120);

        using var png = PngAssert.Decode(file);
        Assert.Equal(M + 120 + M + 120 + M, png.Width);
        Assert.Equal(new SKColor(0, 0, 255), png.GetPixel(M + 60, M + 40));
        var grey = png.GetPixel(M + 120 + M + 60, M + 40);
        Assert.InRange(grey.Red, 127, 128);
        Assert.Equal(grey.Red, grey.Blue);
    }

    [Fact]
    public void RejectsEmptyInput()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => ImagePanels.SideBySide(dir.File("x.png"), new List<(string, Matrix)>()));
        Assert.Throws<ArgumentException>(() => ImagePanels.SideBySide(dir.File("x.png"), [("empty", new Matrix(0, 3))]));
        Assert.Empty(dir.FileNames());
    }
}
