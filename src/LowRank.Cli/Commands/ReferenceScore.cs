using LowRank.Approximation;
using LowRank.Compression;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>approx --reference R</c>: how close the output Â and the input A are to a clean reference R of the same shape,
/// as ‖·−R‖_F/‖R‖_F, and for images also PSNR (peak 255) and SSIM of the 8-bit pixels that an image file of Â holds.
/// </summary>
internal sealed record ReferenceScore(double RelErrorFrobenius, double InputRelErrorFrobenius, double? PsnrDb, double? InputPsnrDb, double? Ssim, double? InputSsim)
{
    /// <summary>Refuses (bad input) a reference whose shape or number of channels differs from the input's.</summary>
    public static void RequireSameShape(LoadedInput reference, LoadedInput input)
    {
        Matrix r = reference.Channels[0], a = input.Channels[0];
        if (reference.Channels.Count != input.Channels.Count || r.Rows != a.Rows || r.Cols != a.Cols)
            throw new InvalidInputException(
                $"{reference.Path}: the reference is {r.Rows}×{r.Cols} with {reference.Channels.Count} channel(s), the input {a.Rows}×{a.Cols} with {input.Channels.Count}");
    }

    public static ReferenceScore Of(LoadedInput reference, LoadedInput input, IReadOnlyList<Matrix> output)
    {
        RequireSameShape(reference, input);
        var r = reference.Channels;
        double normSq = r.Sum(c => Math.Pow(c.FrobeniusNorm(), 2));
        double RelError(IReadOnlyList<Matrix> x) => normSq == 0 ? 0 : Math.Sqrt(x.Zip(r).Sum(p => DistanceSquared(p.First, p.Second)) / normSq);
        if (input.Image is null)
            return new ReferenceScore(RelError(output), RelError(input.Channels), null, null, null, null);
        var pixels = output.Select(ImageQuality.ToPixels).ToArray();
        var written = ImageCompressor.Measure(r, pixels);
        var given = ImageCompressor.Measure(r, input.Channels);
        return new ReferenceScore(RelError(output), RelError(input.Channels), written.PsnrDb, given.PsnrDb, written.Ssim, given.Ssim);
    }

    private static double DistanceSquared(Matrix x, Matrix y)
    {
        double sum = 0;
        for (int i = 0; i < x.Data.Length; i++) sum += (x.Data[i] - y.Data[i]) * (x.Data[i] - y.Data[i]);
        return sum;
    }
}
