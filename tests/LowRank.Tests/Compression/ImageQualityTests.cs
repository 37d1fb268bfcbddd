using LowRank.Approximation;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Compression;

/// <summary>PSNR and SSIM against hand-computed values and a direct (unseparated) evaluation of Wang et al.'s formula.</summary>
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

    [Theory]
    [InlineData(11, 11)]
    [InlineData(14, 12)]
    [InlineData(7, 9)]
    public void SsimEqualsTheDirectFormula(int rows, int cols)
    {
        var x = Random(rows, cols, 3);
        var y = Random(rows, cols, 4);
        for (int i = 0; i < y.Data.Length; i++) y.Data[i] = 0.6 * x.Data[i] + 0.4 * y.Data[i];
        Assert.Equal(DirectSsim(x, y), ImageQuality.Ssim(x, y), 12);
    }

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

    /// <summary>Wang et al.'s Eq. 13 window by window, with the 2-D Gaussian written out (no separable filtering).</summary>
    private static double DirectSsim(Matrix x, Matrix y)
    {
        int s = Math.Min(11, Math.Min(x.Rows, x.Cols));
        if (s % 2 == 0) s--;
        double c = (s - 1) / 2.0, total = 0;
        var w = new double[s, s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
                total += w[i, j] = Math.Exp(-((i - c) * (i - c) + (j - c) * (j - c)) / (2 * 1.5 * 1.5));
        double sum = 0;
        int count = 0;
        for (int r = 0; r + s <= x.Rows; r++)
        {
            for (int q = 0; q + s <= x.Cols; q++)
            {
                double mx = 0, my = 0;
                for (int i = 0; i < s; i++)
                    for (int j = 0; j < s; j++)
                    {
                        mx += w[i, j] / total * x[r + i, q + j];
                        my += w[i, j] / total * y[r + i, q + j];
                    }
                double vx = 0, vy = 0, cxy = 0;
                for (int i = 0; i < s; i++)
                    for (int j = 0; j < s; j++)
                    {
                        double dx = x[r + i, q + j] - mx, dy = y[r + i, q + j] - my, wt = w[i, j] / total;
                        vx += wt * dx * dx;
                        vy += wt * dy * dy;
                        cxy += wt * dx * dy;
                    }
                sum += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                count++;
            }
        }
        return sum / count;
    }
}
