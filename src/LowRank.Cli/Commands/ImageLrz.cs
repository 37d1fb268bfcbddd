using LowRank.Compression;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// A compressed image encoded as a .lrz file (in memory): its bytes, its size in bits per pixel, and the fidelity of
/// exactly the pixels that <c>lowrank image decode</c> gives back from it (<see cref="Pixels"/>).
/// </summary>
internal sealed record ImageLrz(int Bits, byte[] Bytes, IReadOnlyList<Matrix> Pixels, ImageFidelity Fidelity, double BitsPerPixel)
{
    public static ImageLrz Encode(ImageCompressor compressor, CompressedImage compressed, int bits, Matrix? alpha, ILinalgBackend backend)
    {
        var quantized = QuantizedImage.From(compressed, bits, alpha);
        byte[] bytes = LrzFile.Encode(quantized);
        var pixels = quantized.ToPixels(backend);
        return new ImageLrz(bits, bytes, pixels, compressor.Measure(pixels), 8.0 * bytes.Length / ((double)compressor.Width * compressor.Height));
    }
}
