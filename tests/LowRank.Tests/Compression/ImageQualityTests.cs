using System.Globalization;
using System.Text.Json;
using LowRank.Approximation;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Compression;

/// <summary>PSNR and SSIM against hand-computed values, closed forms and scikit-image's reference values on checked-in fixtures.</summary>
public class ImageQualityTests
{
    private const double C1 = 0.01 * 255 * 0.01 * 255, C2 = 0.03 * 255 * 0.03 * 255;

    private static Matrix Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Data.Length; i++) m.Data[i] = rng.Next(256);
        return m;
    }

    private static Matrix Constant(int rows, int cols, double value)
    {
        var m = new Matrix(rows, cols);
        Array.Fill(m.Data, value);
        return m;
    }

    [Fact]
    public void PsnrOfOneWrongPixelInFour()
    {
        // MSE = 255²/4, so PSNR = 10·log₁₀(4) dB.
        var a = Constant(2, 2, 0);
        var b = a.Clone();
        b[1, 0] = 255;
        Assert.Equal(10 * Math.Log10(4), ImageQuality.Psnr(a, b), 12);
        Assert.Equal(double.PositiveInfinity, ImageQuality.Psnr(a, a.Clone()));
    }

    [Fact]
    public void ColourPsnrPoolsTheChannels()
    {
        // One channel off by 3 everywhere, two exact: MSE = 9/3 = 3.
        var r = Random(5, 4, 1);
        var shifted = r.Clone();
        for (int i = 0; i < shifted.Data.Length; i++) shifted.Data[i] += 3;
        Assert.Equal(10 * Math.Log10(255.0 * 255 / 3), ImageQuality.Psnr([r, r, r], [shifted, r.Clone(), r.Clone()]), 12);
    }

    [Fact]
    public void SsimOfIdenticalImagesIsOne()
    {
        var a = Random(30, 25, 2);
        Assert.Equal(1.0, ImageQuality.Ssim(a, a.Clone()));
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(100, 110)]
    [InlineData(0, 255)]
    public void SsimOfConstantImagesHasItsClosedForm(double a, double b)
    {
        // σ_x = σ_y = σ_xy = 0: SSIM = (2ab + C1)/(a² + b² + C1) at every window.
        double expected = (2 * a * b + C1) / (a * a + b * b + C1);
        Assert.Equal(expected, ImageQuality.Ssim(Constant(20, 16, a), Constant(20, 16, b)), 12);
    }

    /// <summary>The pairs in Fixtures/ssim with scikit-image 0.19's values (make_fixtures.py there made them).</summary>
    public static TheoryData<string, double, double> ScikitImagePairs()
    {
        var data = new TheoryData<string, double, double>();
        using var json = JsonDocument.Parse(File.ReadAllText(Fixture("reference.json")));
        foreach (var pair in json.RootElement.GetProperty("pairs").EnumerateArray())
            data.Add(pair.GetProperty("name").GetString()!, pair.GetProperty("ssim").GetDouble(), pair.GetProperty("psnr_db").GetDouble());
        return data;
    }

    [Theory]
    [MemberData(nameof(ScikitImagePairs))]
    public void SsimAndPsnrMatchScikitImage(string name, double ssim, double psnrDb)
    {
        // skimage.metrics.structural_similarity(x, y, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
        // data_range=255) and peak_signal_noise_ratio(x, y, data_range=255).
        Matrix x = ReadCsv($"{name}-x.csv"), y = ReadCsv($"{name}-y.csv");
        Assert.Equal(ssim, ImageQuality.Ssim(x, y), 1e-6);
        Assert.Equal(psnrDb, ImageQuality.Psnr(x, y), 1e-9);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "ssim", name);

    private static Matrix ReadCsv(string name) =>
        Matrix.FromRows(File.ReadAllLines(Fixture(name)).Where(line => line.Length > 0)
            .Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray());

    [Fact]
    public void SsimFallsWithNoise()
    {
        var x = Random(40, 40, 5);
        var rng = new Random(6);
        var small = x.Clone();
        var large = x.Clone();
        for (int i = 0; i < x.Data.Length; i++)
        {
            double e = rng.NextDouble() - 0.5;
            small.Data[i] += 10 * e;
            large.Data[i] += 100 * e;
        }
        double s1 = ImageQuality.Ssim(x, small), s2 = ImageQuality.Ssim(x, large);
        Assert.True(1 > s1 && s1 > s2, $"{s1} {s2}");
    }
}
