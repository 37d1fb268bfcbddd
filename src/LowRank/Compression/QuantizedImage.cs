using LowRank.Linalg;

namespace LowRank.Compression;

/// <summary>
/// What a <c>.lrz</c> file holds: the quantised rank-k factors of each plane of a <see cref="Width"/> ×
/// <see cref="Height"/> image in <see cref="Model"/>, and the alpha plane (0..255) stored exactly, or null when the
/// image is opaque.
/// </summary>
public sealed record QuantizedImage(int Width, int Height, ColourModel Model, int Bits, IReadOnlyList<QuantizedFactors> Planes, Matrix? Alpha)
{
    /// <summary>Quantises the factors of <paramref name="image"/> to <paramref name="bits"/> bits (8 or 16).</summary>
    public static QuantizedImage From(CompressedImage image, int bits, Matrix? alpha)
    {
        var planes = image.Planes.Select(p => QuantizedFactors.Quantize(p, bits)).ToArray();
        return new QuantizedImage(planes[0].Cols, planes[0].Rows, image.Model, bits, planes, alpha);
    }

    public IReadOnlyList<int> Ranks => Planes.Select(p => p.Rank).ToArray();

    /// <summary>The 8-bit pixels (grey, or R, G, B) that decoding gives: each plane reconstructed, converted, rounded.</summary>
    public Matrix[] ToPixels(ILinalgBackend? backend = null) =>
        ColourPlanes.ToPixels(Planes.Select(p => p.Reconstruct(backend)).ToArray(), Model);
}
