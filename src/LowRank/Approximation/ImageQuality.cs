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
    public static double Psnr(Matrix reference, Matrix approximation, double peak = 255)
    {
        if (reference.Rows != approximation.Rows || reference.Cols != approximation.Cols)
            throw new ArgumentException("PSNR needs images of the same size");
        double sum = 0;
        for (int i = 0; i < reference.Data.Length; i++)
        {
            double d = reference.Data[i] - approximation.Data[i];
            sum += d * d;
        }
        double mse = sum / reference.Data.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(peak * peak / mse);
    }
}
