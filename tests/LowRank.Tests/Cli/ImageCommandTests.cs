using LowRank.Approximation;
using LowRank.Compression;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Tests.Compression;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary><c>lowrank image</c> and <c>lowrank image decode</c>: the reported numbers are those of the files written.</summary>
public class ImageCommandTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>A 40×30 RGB image with a graded alpha plane.</summary>
    private static (string Path, ImageData Image) RgbaInput(TempDirectory dir)
    {
        var rgb = ImageCompressorTests.Rgb(40, 30, 7);
        var alpha = new Matrix(40, 30);
        for (int i = 0; i < alpha.Data.Length; i++) alpha.Data[i] = 55 + i % 200;
        var image = new ImageData(30, 40, rgb, alpha);
        string path = dir.File("in.png");
        ImageFile.Write(path, image);
        return (path, image);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheReportedPsnrAndSsimAreThoseOfTheWrittenImageAndAlphaIsKept(bool ycbcr)
    {
        using var dir = new TempDirectory();
        var (input, original) = RgbaInput(dir);
        string output = dir.File("out.png");
        var j = CliRunner.Json(CliRunner.Run(["image", input, "--rank", "4", "-o", output, "--json", .. ycbcr ? new[] { "--ycbcr" } : []]));
        var written = ImageFile.Read(output);
        Assert.Equal(ImageQuality.Psnr(original.Channels, written.Channels), j.GetProperty("psnr_db").GetDouble(), 12);
        Assert.Equal(ImageQuality.Ssim(ColourPlanes.Luma(original.Channels), ColourPlanes.Luma(written.Channels)), j.GetProperty("ssim").GetDouble(), 12);
        Assert.Equal(original.Alpha!.Data, written.Alpha!.Data);
        Assert.Equal(ycbcr ? [4, 1, 1] : new[] { 4, 4, 4 }, j.GetProperty("ranks").EnumerateArray().Select(e => e.GetInt32()));
        foreach (string field in new[] { "width", "height", "channels", "rank", "psnr_db", "ssim", "storage_ratio", "seconds" })
            Assert.True(j.TryGetProperty(field, out _), field);
    }

    [Fact]
    public void AJpegOutputReportsTheFidelityOfTheFileAsWritten()
    {
        using var dir = new TempDirectory();
        var (input, original) = RgbaInput(dir);
        string output = dir.File("out.jpg");
        var j = CliRunner.Json(CliRunner.Run("image", input, "--rank", "4", "-o", output, "--json"));
        var written = ImageFile.Read(output);
        Assert.Equal(ImageQuality.Psnr(original.Channels, written.Channels), j.GetProperty("psnr_db").GetDouble(), 12);
    }

    [Fact]
    public void EnergyPicksEachPlanesOwnRank()
    {
        using var dir = new TempDirectory();
        var (input, original) = RgbaInput(dir);
        var j = CliRunner.Json(CliRunner.Run("image", input, "--energy", "0.999", "--json"));
        var expected = original.Channels.Select(c => RankSelection.ByEnergy(LowRank.Decompositions.ExactSvd.Values(c), 0.999));
        Assert.Equal(expected, j.GetProperty("ranks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(j.GetProperty("alpha").GetBoolean());
    }

    [Fact]
    public void AnLrzDecodesToExactlyTheReportedImage()
    {
        using var dir = new TempDirectory();
        var (input, original) = RgbaInput(dir);
        string lrz = dir.File("out.lrz"), png = dir.File("decoded.png");
        var j = CliRunner.Json(CliRunner.Run("image", input, "--rank", "6", "--ycbcr", "--chroma-rank", "2", "-o", lrz, "--json"));
        Assert.Equal(new FileInfo(lrz).Length, j.GetProperty("bytes").GetInt64());
        Assert.Equal(8.0 * new FileInfo(lrz).Length / (30 * 40), j.GetProperty("bits_per_pixel").GetDouble(), 12);
        var d = CliRunner.Json(CliRunner.Run("image", "decode", lrz, "-o", png, "--json"));
        Assert.Equal(new[] { 6, 2, 2 }, d.GetProperty("ranks").EnumerateArray().Select(e => e.GetInt32()));
        var decoded = ImageFile.Read(png);
        Assert.Equal(ImageQuality.Psnr(original.Channels, decoded.Channels), j.GetProperty("psnr_db").GetDouble(), 12);
        Assert.Equal(original.Alpha!.Data, decoded.Alpha!.Data);
    }

    [Fact]
    public void SixteenBitLrzIsWithinATenthOfADecibelOfTheUnquantisedImage()
    {
        using var dir = new TempDirectory();
        string lrz = dir.File("camera.lrz");
        var j = CliRunner.Json(CliRunner.Run("image", Sample("camera.png"), "--rank", "30", "--lrz-bits", "16", "-o", lrz, "--json"));
        Assert.InRange(j.GetProperty("unquantised_psnr_db").GetDouble() - j.GetProperty("psnr_db").GetDouble(), -0.1, 0.1);
        Assert.Equal(16, j.GetProperty("bits").GetInt32());
    }

    [Fact]
    public void SweepWritesOneFilePerRankAndReportsEach()
    {
        using var dir = new TempDirectory();
        var (input, _) = RgbaInput(dir);
        string report = dir.File("report");
        var j = CliRunner.Json(CliRunner.Run("image", input, "--sweep", "2,5", "-o", dir.File("out.png"), "--report", report, "--json"));
        var sweep = j.GetProperty("sweep").EnumerateArray().ToArray();
        Assert.Equal(2, sweep.Length);
        Assert.True(sweep[0].GetProperty("psnr_db").GetDouble() < sweep[1].GetProperty("psnr_db").GetDouble());
        Assert.True(File.Exists(dir.File("out-k2.png")) && File.Exists(dir.File("out-k5.png")));
        foreach (string f in new[] { "index.html", "panels.png", "psnr.png", "error.png", "rate.png", "spectrum.png" })
            Assert.True(File.Exists(Path.Combine(report, f)), f);
    }

    [Theory]
    [InlineData("--rank", "0")]
    [InlineData("--rank", "41")]
    [InlineData("--rank", "abc")]
    [InlineData("--sweep", "5,x")]
    [InlineData("--sweep", "")]
    [InlineData("--sweep", "3,-1")]
    [InlineData("--sweep", "3,31")]
    [InlineData("--energy", "1.5")]
    [InlineData("--chroma-rank", "2")]
    [InlineData("--lrz-bits", "12")]
    public void BadRanksAndOptionsExitTwoAndWriteNothing(string option, string value)
    {
        using var dir = new TempDirectory();
        var (input, _) = RgbaInput(dir);
        string[] rank = option is "--chroma-rank" or "--lrz-bits" ? ["--rank", "3"] : [];
        var r = CliRunner.Run(["image", input, option, value, .. rank, "-o", dir.File("out.lrz")]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.DoesNotContain('\n', r.Stderr.TrimEnd('\n'));
        Assert.Equal(["in.png"], dir.FileNames());
    }

    [Fact]
    public void TruncatedTamperedOrForeignLrzIsRefusedWithExitTwoAndNothingWritten()
    {
        using var dir = new TempDirectory();
        var (input, _) = RgbaInput(dir);
        string lrz = dir.File("a.lrz");
        Assert.Equal(0, CliRunner.Run("image", input, "--rank", "3", "-o", lrz).ExitCode);
        byte[] bytes = File.ReadAllBytes(lrz);
        byte[] tampered = (byte[])bytes.Clone();
        tampered[bytes.Length / 2] ^= 1;
        var cases = new (string Name, byte[] Bytes, string Reason)[]
        {
            ("truncated.lrz", bytes[..^10], "truncated"),
            ("tampered.lrz", tampered, "checksum"),
            ("foreign.lrz", File.ReadAllBytes(input), "not a .lrz"),
        };
        foreach (var (name, content, reason) in cases)
        {
            string path = dir.Write(name, content), output = dir.File(name + ".png");
            var r = CliRunner.Run("image", "decode", path, "-o", output);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(reason, r.Stderr);
            Assert.False(File.Exists(output));
        }
    }

    [Fact]
    public void TheHelpOfEachFormShowsItsOwnUsage()
    {
        var decode = CliRunner.Run("image", "decode", "--help");
        Assert.Equal(0, decode.ExitCode);
        Assert.Contains("lowrank image decode <input> [options]", decode.Stdout);
        Assert.DoesNotContain("Image (.png", decode.Stdout);
        var image = CliRunner.Run("image", "--help");
        Assert.Contains("lowrank image <input> [options]", image.Stdout);
        Assert.Contains("lowrank image decode F.lrz -o OUT", image.Stdout);
    }
}
