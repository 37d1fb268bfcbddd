using LowRank.Reports;
using Xunit;

namespace LowRank.Tests.Reports;

public class FiguresTests
{
    private static readonly int[] Ranks = [1, 2, 5, 10, 20];

    [Fact]
    public void SingularValueSpectrumWritesPngOfDefaultSizeWithTitleText()
    {
        using var dir = new TempDirectory();
        string file = dir.File("spectrum.png");
        double[] sigma = [10, 5, 2, 1, 0.5, 0.1, 0, 0];
        Figures.SingularValueSpectrum(file, sigma, "Spectrum", markRank: 3);

        using var png = PngAssert.Decode(file);
        Assert.Equal(Figures.DefaultWidth, png.Width);
        Assert.Equal(Figures.DefaultHeight, png.Height);
        Assert.False(PngAssert.IsFlat(png));
        // The title is drawn centred in the top band: text must actually render (bundled font).
        Assert.True(PngAssert.HasDarkPixel(png, 250, 2, 470, 32), "no title text rendered");
        Assert.Equal(["spectrum.png"], dir.FileNames());
    }

    [Fact]
    public void SingularValueSpectrumSurvivesAllZeroAndEmptyInput()
    {
        using var dir = new TempDirectory();
        Figures.SingularValueSpectrum(dir.File("zeros.png"), [0, 0, 0], "zeros");
        Figures.SingularValueSpectrum(dir.File("empty.png"), [], "empty");
        using var png = PngAssert.Decode(dir.File("zeros.png"));
        Assert.Equal(Figures.DefaultWidth, png.Width);
    }

    [Fact]
    public void ErrorAgainstRankHonoursRequestedSize()
    {
        using var dir = new TempDirectory();
        string file = dir.File("error.png");
        Figures.ErrorAgainstRank(file, Ranks,
            [("svd", [0.5, 0.25, 0.1, 0.01, 0.001]), ("nn", [0.6, 0.3, 0.12, 0.02, 0])],
            "Error against rank", "relative error", logY: true, width: 500, height: 300);

        using var png = PngAssert.Decode(file);
        Assert.Equal(500, png.Width);
        Assert.Equal(300, png.Height);
        Assert.False(PngAssert.IsFlat(png));
    }

    [Fact]
    public void ErrorAgainstRankRejectsSeriesOfWrongLength()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => Figures.ErrorAgainstRank(dir.File("x.png"), Ranks,
            [("short", [1.0, 2.0])], "t", "y", logY: false));
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void LinesAgainstIndexAndHistogramWritePngs()
    {
        using var dir = new TempDirectory();
        var loss = Enumerable.Range(0, 100).Select(e => Math.Exp(-e / 20.0)).ToArray();
        Figures.LinesAgainstIndex(dir.File("loss.png"), "Loss", "epoch", "loss", [("train", loss)], logY: true);
        var rng = new Random(7);
        var values = Enumerable.Range(0, 1000).Select(_ => rng.NextDouble()).Append(double.NaN).ToArray();
        Figures.Histogram(dir.File("hist.png"), values, 20, "Histogram", "value", width: 640, height: 480);

        using var lossPng = PngAssert.Decode(dir.File("loss.png"));
        Assert.Equal((720, 420), (lossPng.Width, lossPng.Height));
        Assert.False(PngAssert.IsFlat(lossPng));
        using var histPng = PngAssert.Decode(dir.File("hist.png"));
        Assert.Equal((640, 480), (histPng.Width, histPng.Height));
        Assert.False(PngAssert.IsFlat(histPng));
    }

    [Fact]
    public void HistogramOfConstantValuesDoesNotThrow()
    {
        using var dir = new TempDirectory();
        Figures.Histogram(dir.File("c.png"), [3.0, 3.0, 3.0], 10, "constant", "value");
        using var png = PngAssert.Decode(dir.File("c.png"));
        Assert.False(PngAssert.IsFlat(png));
    }

    [Fact]
    public void BarsDrawNoBarForNaNAndRejectRaggedSeries()
    {
        using var dir = new TempDirectory();
        string file = dir.File("bars.png"), empty = dir.File("empty.png");
        Figures.Bars(file, "RMSE", "RMSE", ["a", "b", "c"], [("ours", [0.9, 0.95, 0.88]), ("published", [0.93, double.NaN, double.NaN])], xMin: 0.85);
        using var png = PngAssert.Decode(file);
        Assert.Equal(Figures.DefaultWidth, png.Width);
        Assert.False(PngAssert.IsFlat(png));
        // A NaN draws nothing: the same picture as a bar of zero length (value = the axis start).
        Figures.Bars(empty, "RMSE", "RMSE", ["a", "b", "c"], [("ours", [0.9, 0.95, 0.88]), ("published", [0.93, 0.85, 0.85])], xMin: 0.85);
        using var zeroLength = PngAssert.Decode(empty);
        Assert.Equal(png.Pixels, zeroLength.Pixels);
        Figures.Bars(dir.File("none.png"), "t", "x", ["a"], [("s", [double.NaN])]);
        Assert.Throws<ArgumentException>(() => Figures.Bars(dir.File("x.png"), "t", "x", ["a", "b"], [("s", [1.0])]));
        Assert.Equal(["bars.png", "empty.png", "none.png"], dir.FileNames());
    }

    /// <summary>Three rising lines that end in the upper right corner, where a legend inside the data area would sit.</summary>
    private static (string, IReadOnlyList<double>, IReadOnlyList<double>)[] Rising()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8];
        return [.. Enumerable.Range(0, 3).Select(s => ($"series {s}", (IReadOnlyList<double>)x, (IReadOnlyList<double>)x.Select(v => v * (1 + 0.1 * s)).ToArray()))];
    }

    [Fact]
    public void LineChartsPutTheLegendOutsideTheDataAreaAndDrawEverySeries()
    {
        var plot = Figures.LinePlot("t", "x", "y", Rising(), logY: false, integerX: false);
        using var png = SkiaSharp.SKBitmap.Decode(Figures.Render(plot, Figures.DefaultWidth, Figures.DefaultHeight));
        Assert.Equal((Figures.DefaultWidth, Figures.DefaultHeight), (png.Width, png.Height));
        var data = plot.LastRender.DataRect;
        // The legend's text is right of the data area (beside it, not over the curves) ...
        Assert.True(PngAssert.HasDarkPixel(png, (int)data.Right + 4, (int)data.Top, png.Width, (int)data.Bottom), "no legend beside the data area");
        Assert.True(data.Right < png.Width - 60, $"the data area reaches x = {data.Right} of {png.Width}: no room for a legend beside it");
        // ... and every series is drawn inside the data area in its palette colour.
        for (int s = 0; s < 3; s++)
        {
            var colour = plot.Add.Palette.GetColor(s);
            Assert.True(PngAssert.CountNear(png, new SkiaSharp.SKColor(colour.R, colour.G, colour.B), (int)data.Left, (int)data.Top, (int)data.Right, (int)data.Bottom) > 50,
                $"series {s} is not drawn");
        }
    }

    [Fact]
    public void ACornerCanStillBeAskedFor()
    {
        var plot = Figures.LinePlot("t", "x", "y", Rising(), logY: false, integerX: false, legend: ScottPlot.Alignment.UpperLeft);
        using var png = SkiaSharp.SKBitmap.Decode(Figures.Render(plot, Figures.DefaultWidth, Figures.DefaultHeight));
        Assert.True(plot.LastRender.DataRect.Right > png.Width - 60, "an inside legend takes no room beside the data area");
    }

    [Fact]
    public void LogAxesStopAtTenToTheMinusSixteenOfTheLargestValue()
    {
        // σ of a rank-2 matrix: two values that matter, then rounding noise down to 10⁻³⁰.
        double[] sigma = [10, 3, 1e-15, 1e-30, 0];
        var plot = Figures.LinePlot("σ", "i", "σ_i", [("σ", [1.0, 2, 3, 4, 5], sigma)], logY: true, integerX: true);
        Figures.Render(plot, Figures.DefaultWidth, Figures.DefaultHeight);
        var limits = plot.LastRender.AxisLimits;
        Assert.InRange(limits.Bottom, -16.5, -13); // log10 of 10·10⁻¹⁶ = −15, with a margin; not −30
        Assert.InRange(limits.Top, 1, 2);
        Assert.Contains("10⁻¹⁶", plot.Axes.Left.Label.Text); // the axis says where it stops

        var unclipped = Figures.LinePlot("σ", "i", "σ_i", [("σ", [1.0, 2], [10.0, 3])], logY: true, integerX: true);
        Assert.DoesNotContain("10⁻¹⁶", unclipped.Axes.Left.Label.Text);
    }
}
