using LowRank.Linalg;

namespace LowRank.Approximation;

/// <summary>Image fidelity measures for 8-bit images held as matrices of values 0..255.</summary>
public static class ImageQuality
{
    /// <summary>What an 8-bit image file stores: each value rounded to the nearest integer and clamped to 0..255.</summary>
    public static Matrix ToPixels(Matrix values)
    {
        var p = new Matrix(values.Rows, values.Cols);
        for (int i = 0; i < p.Data.Length; i++) p.Data[i] = Math.Clamp(Math.Round(values.Data[i]), 0, 255);
        return p;
    }

    /// <summary>Peak signal-to-noise ratio 10·log₁₀(peak² / MSE) in dB; +∞ for identical images.</summary>
    public static double Psnr(Matrix reference, Matrix approximation, double peak = 255) => Psnr([reference], [approximation], peak);

    /// <summary>
    /// PSNR of a multi-channel image, with one MSE over every value of every channel (e.g. R, G and B); +∞ for
    /// identical images.
    /// </summary>
    public static double Psnr(IReadOnlyList<Matrix> reference, IReadOnlyList<Matrix> approximation, double peak = 255)
    {
        if (reference.Count != approximation.Count) throw new ArgumentException("PSNR needs images with the same channels");
        double sum = 0;
        long count = 0;
        for (int c = 0; c < reference.Count; c++)
        {
            Matrix a = reference[c], b = approximation[c];
            if (a.Rows != b.Rows || a.Cols != b.Cols) throw new ArgumentException("PSNR needs images of the same size");
            for (int i = 0; i < a.Data.Length; i++)
            {
                double d = a.Data[i] - b.Data[i];
                sum += d * d;
            }
            count += a.Data.Length;
        }
        double mse = sum / count;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(peak * peak / mse);
    }

    /// <summary>Side of the SSIM window (Wang et al. 2004, §III-C).</summary>
    public const int SsimWindow = 11;

    /// <summary>Standard deviation of the SSIM window's Gaussian, in pixels.</summary>
    public const double SsimSigma = 1.5;

    /// <summary>
    /// Mean structural similarity (SSIM) of Z. Wang, A. C. Bovik, H. R. Sheikh and E. P. Simoncelli, "Image quality
    /// assessment: from error visibility to structural similarity", IEEE Trans. Image Processing 13(4), 2004, Eq. 13
    /// and §III-C: local means, variances and covariance under an 11×11 circular-symmetric Gaussian window (σ = 1.5,
    /// normalised to sum 1), SSIM = ((2μ_xμ_y + C1)(2σ_xy + C2)) / ((μ_x² + μ_y² + C1)(σ_x² + σ_y² + C2)) with
    /// C1 = (0.01·L)², C2 = (0.03·L)², L = <paramref name="peak"/>, averaged over every window position that lies
    /// inside the image (the authors' reference code, filter2 'valid'). An image smaller than 11 pixels on a side uses
    /// the largest odd window that fits. 1 for identical images.
    /// </summary>
    public static double Ssim(Matrix reference, Matrix image, double peak = 255)
    {
        if (reference.Rows != image.Rows || reference.Cols != image.Cols)
            throw new ArgumentException("SSIM needs images of the same size");
        int size = Math.Min(SsimWindow, reference.MinDimension);
        if (size % 2 == 0) size--;
        if (size < 1) throw new ArgumentException("SSIM needs a non-empty image");
        double[] w = GaussianWindow(size, SsimSigma);
        double c1 = Math.Pow(0.01 * peak, 2), c2 = Math.Pow(0.03 * peak, 2);
        double[] x = reference.Data, y = image.Data;
        var muX = Filter(reference, w);
        var muY = Filter(image, w);
        var xx = Filter(Product(x, x, reference), w);
        var yy = Filter(Product(y, y, reference), w);
        var xy = Filter(Product(x, y, reference), w);
        double sum = 0;
        for (int i = 0; i < muX.Data.Length; i++)
        {
            double mx = muX.Data[i], my = muY.Data[i];
            double vx = xx.Data[i] - mx * mx, vy = yy.Data[i] - my * my, cxy = xy.Data[i] - mx * my;
            sum += (2 * mx * my + c1) * (2 * cxy + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
        }
        return sum / muX.Data.Length;
    }

    /// <summary>The 1-D Gaussian weights exp(−(i − c)²/(2σ²)) of a window of <paramref name="size"/> taps, summing to 1; the 2-D window is their outer product.</summary>
    internal static double[] GaussianWindow(int size, double sigma)
    {
        double centre = (size - 1) / 2.0;
        var w = Enumerable.Range(0, size).Select(i => Math.Exp(-(i - centre) * (i - centre) / (2 * sigma * sigma))).ToArray();
        double total = w.Sum();
        for (int i = 0; i < size; i++) w[i] /= total;
        return w;
    }

    private static Matrix Product(double[] a, double[] b, Matrix shape)
    {
        var p = new Matrix(shape.Rows, shape.Cols);
        for (int i = 0; i < p.Data.Length; i++) p.Data[i] = a[i] * b[i];
        return p;
    }

    /// <summary>
    /// Separable 'valid' correlation with the window w⊗w: (m − s + 1)×(n − s + 1) weighted means. Plain loops: in a
    /// one-shot CLI run they beat TensorPrimitives, whose first call costs more JIT time than the filter saves.
    /// </summary>
    private static Matrix Filter(Matrix a, double[] w)
    {
        int s = w.Length, rows = a.Rows - s + 1, cols = a.Cols - s + 1;
        var down = new Matrix(rows, a.Cols);
        for (int j = 0; j < a.Cols; j++)
        {
            ReadOnlySpan<double> column = a.Column(j);
            Span<double> target = down.Column(j);
            for (int i = 0; i < rows; i++)
            {
                double sum = 0;
                for (int t = 0; t < s; t++) sum += w[t] * column[i + t];
                target[i] = sum;
            }
        }
        var result = new Matrix(rows, cols);
        for (int j = 0; j < cols; j++)
        {
            Span<double> target = result.Column(j);
            for (int t = 0; t < s; t++)
            {
                ReadOnlySpan<double> column = down.Column(j + t);
                double weight = w[t];
                for (int i = 0; i < rows; i++) target[i] += weight * column[i];
            }
        }
        return result;
    }
}
