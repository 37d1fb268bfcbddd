using LowRank.Approximation;
using LowRank.Compression;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>Denoising from the command line: every rank rule in <c>image</c>, <c>--noise-sigma</c>, <c>--rank shrink</c> and <c>--reference</c>.</summary>
public class DenoiseCliTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>A 64×48 grey image: a smooth rank-3 picture plus seeded Gaussian noise of σ = 20, rounded to 8 bits; and the clean picture.</summary>
    private static (string Noisy, string Clean, ImageData CleanImage) NoisyImage(TempDirectory dir)
    {
        var clean = new Matrix(64, 48);
        for (int i = 0; i < 64; i++)
            for (int j = 0; j < 48; j++)
                clean[i, j] = Math.Round(128 + 60 * Math.Sin(i / 9.0) * Math.Cos(j / 7.0) + 30 * Math.Cos(i / 4.0) + 20 * Math.Sin(j / 3.0) * Math.Sin(i / 13.0));
        var rng = new Random(12);
        var noise = Gaussian.Matrix(64, 48, rng);
        var noisy = ImageQuality.ToPixels(new Matrix(64, 48, clean.Data.Select((v, i) => v + 20 * noise.Data[i]).ToArray()));
        var cleanImage = new ImageData(48, 64, [clean], null);
        string cleanPath = dir.File("clean.png"), noisyPath = dir.File("noisy.png");
        ImageFile.Write(cleanPath, cleanImage);
        ImageFile.Write(noisyPath, new ImageData(48, 64, [noisy], null));
        return (noisyPath, cleanPath, cleanImage);
    }

    [Fact]
    public void ImageAcceptsAutoDenoiseAndPicksTheRankThatApproxPicks()
    {
        var image = CliRunner.Json(CliRunner.Run("image", Sample("camera.png"), "--rank", "auto-denoise", "--json"));
        var approx = CliRunner.Json(CliRunner.Run("approx", Sample("camera.png"), "--rank", "auto-denoise", "--json"));
        Assert.Equal(approx.GetProperty("rank").GetInt32(), image.GetProperty("rank").GetInt32());
        var denoising = image.GetProperty("planes")[0].GetProperty("denoising");
        Assert.Equal("auto-denoise", denoising.GetProperty("rule").GetString());
        Assert.True(denoising.GetProperty("noise_estimated").GetBoolean());
    }

    [Fact]
    public void ImageAcceptsTheRatioRuleAsApproxDoes()
    {
        var image = CliRunner.Json(CliRunner.Run("image", Sample("camera.png"), "--ratio", "1", "--json"));
        var approx = CliRunner.Json(CliRunner.Run("approx", Sample("camera.png"), "--ratio", "1", "--json"));
        Assert.Equal(approx.GetProperty("rank").GetInt32(), image.GetProperty("rank").GetInt32());
    }

    [Fact]
    public void NoiseSigmaSetsTheThresholdByTheKnownNoiseFormula()
    {
        using var dir = new TempDirectory();
        var (noisy, _, _) = NoisyImage(dir);
        foreach (double sigma in new[] { 10.0, 20.0, 40.0 })
        {
            var j = CliRunner.Json(CliRunner.Run("approx", noisy, "--rank", "auto-denoise", "--noise-sigma", sigma.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"));
            var d = j.GetProperty("denoising");
            // 64×48: n = 64, β = 3/4, threshold λ*(3/4)·√64·σ.
            Assert.Equal(GavishDonoho.LambdaStar(0.75) * 8 * sigma, d.GetProperty("threshold").GetDouble(), 9);
            Assert.False(d.GetProperty("noise_estimated").GetBoolean());
            double[] s = ExactSvd.Values(ImageFile.Read(noisy).Channels[0]);
            Assert.Equal(s.Count(v => v > GavishDonoho.LambdaStar(0.75) * 8 * sigma), j.GetProperty("rank").GetInt32());
        }
    }

    [Fact]
    public void ShrinkWithAReferenceReportsThePsnrOfTheShrunkImageAgainstTheCleanOne()
    {
        using var dir = new TempDirectory();
        var (noisy, clean, cleanImage) = NoisyImage(dir);
        string output = dir.File("out.png");
        var j = CliRunner.Json(CliRunner.Run("image", noisy, "--rank", "shrink", "--reference", clean, "-o", output, "--json"));
        var written = ImageFile.Read(output).Channels;
        var reference = j.GetProperty("reference");
        Assert.Equal(ImageQuality.Psnr(cleanImage.Channels, written), reference.GetProperty("psnr_db").GetDouble(), 12);
        Assert.Equal(ImageQuality.Ssim(cleanImage.Channels[0], written[0]), reference.GetProperty("ssim").GetDouble(), 12);
        double input = j.GetProperty("input_against_reference").GetProperty("psnr_db").GetDouble();
        Assert.Equal(ImageQuality.Psnr(cleanImage.Channels, ImageFile.Read(noisy).Channels), input, 12);
        Assert.True(reference.GetProperty("psnr_db").GetDouble() > input + 3, "shrinkage removes noise");
        var d = j.GetProperty("planes")[0].GetProperty("denoising");
        Assert.Equal("shrink", d.GetProperty("rule").GetString());
        var original = d.GetProperty("original").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var shrunk = d.GetProperty("denoised").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.All(original.Zip(shrunk), p => Assert.True(p.Second < p.First));

        var table = CliRunner.Run("image", noisy, "--rank", "shrink", "--reference", clean);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("PSNR vs reference", table.Stdout);
        Assert.Contains("optimal shrinkage", table.Stdout);
    }

    [Fact]
    public void ApproxWithAReferenceMatrixReportsTheRelativeErrorToIt()
    {
        using var dir = new TempDirectory();
        var (noisy, clean, cleanImage) = NoisyImage(dir);
        var j = CliRunner.Json(CliRunner.Run("approx", noisy, "--rank", "shrink", "--reference", clean, "--json"));
        var a = LowRankApproximator.Approximate(ImageFile.Read(noisy).Channels[0], RankRule.Shrink(), SvdMethod.Exact).Reconstruct();
        var x = cleanImage.Channels[0];
        double err = Math.Sqrt(a.Data.Zip(x.Data).Sum(p => (p.First - p.Second) * (p.First - p.Second))) / x.FrobeniusNorm();
        Assert.Equal(err, j.GetProperty("reference").GetProperty("rel_error_frobenius").GetDouble(), 9);
        Assert.Equal(ImageQuality.Psnr(x, ImageQuality.ToPixels(a)), j.GetProperty("reference").GetProperty("psnr_db").GetDouble(), 9);
    }

    [Theory]
    [InlineData("image", "0")]
    [InlineData("image", "-3")]
    [InlineData("image", "NaN")]
    [InlineData("approx", "0")]
    [InlineData("approx", "NaN")]
    [InlineData("approx", "-1e-3")]
    public void ANoiseLevelThatIsNotPositiveExitsTwo(string command, string sigma)
    {
        var r = CliRunner.Run(command, Sample("camera.png"), "--rank", "shrink", "--noise-sigma", sigma);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --noise-sigma: the noise level must be a positive number", r.Stderr);
    }

    [Theory]
    [InlineData("image", "--rank", "5", "--noise-sigma", "3")]
    [InlineData("approx", "--energy", "0.9", "--noise-sigma", "3")]
    [InlineData("image", "--rank", "shrinkage")]
    [InlineData("image", "--rank", "shrink", "--energy", "0.9")]
    [InlineData("image", "--rank", "shrink", "--reference", "samples-missing.png")]
    public void BadDenoisingUsageExitsTwo(params string[] args)
    {
        var r = CliRunner.Run([args[0], Sample("camera.png"), .. args[1..]]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
    }

    [Fact]
    public void AReferenceOfAnotherSizeExitsTwo()
    {
        var r = CliRunner.Run("image", Sample("camera.png"), "--rank", "shrink", "--reference", Sample("logo.png"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the reference is", r.Stderr);
    }
}
