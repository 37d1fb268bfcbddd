using System.Text.Json;
using LowRank.Cli.Demo;
using LowRank.Cli.Output;
using LowRank.Linalg;
using LowRank.Reports;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>The demo's image section on its own: figures written, YCbCr ahead of RGB at equal storage, within its time budget.</summary>
public class ImageSectionTests
{
    [Fact]
    public void ImageSectionWritesItsFiguresAndSummary()
    {
        using var dir = new TempDirectory();
        var report = new HtmlReport("test");
        var summary = JsonDocument.Parse(JsonReport.Serialize(new ImageSection().Run(new DemoContext(dir.Path, report, Backends.Current)))).RootElement;
        foreach (string figure in new[] { "image-panels.png", "image-psnr.png", "image-rate.png", "image-error.png", "image-spectrum.png" })
            Assert.True(new FileInfo(dir.File(figure)).Length > 1000, figure);
        Assert.All(summary.GetProperty("ycbcr_gain_db_at_equal_storage").EnumerateArray(), g => Assert.True(g.GetDouble() > 0, $"YCbCr gain {g.GetDouble()} dB"));
        Assert.All(summary.GetProperty("results").EnumerateArray(), r =>
            Assert.InRange(r.GetProperty("psnr_db").GetDouble() - r.GetProperty("lrz16_psnr_db").GetDouble(), -0.1, 0.1));
        // Its time is reported, not judged here: speed is the benchmarks' business (docs/benchmarks.md), not a test's.
        Assert.True(summary.GetProperty("seconds").GetDouble() > 0);
        Assert.Contains("image-rate.png", report.ToHtml());
    }
}
