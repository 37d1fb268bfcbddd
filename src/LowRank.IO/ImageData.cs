using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// A decoded image: one channel (grey) or three (R, G, B), each a <see cref="Height"/> × <see cref="Width"/> matrix
/// with values in 0..<see cref="MaxValue"/> (row i is the i-th pixel row from the top). <see cref="Alpha"/> (same
/// scale) is null when the image is fully opaque.
/// </summary>
public sealed record ImageData(int Width, int Height, IReadOnlyList<Matrix> Channels, Matrix? Alpha)
{
    /// <summary>True for a one-channel (greyscale) image.</summary>
    public bool IsGrey => Channels.Count == 1;

    /// <summary>Bits per sample: 8 (values 0..255) or 16 (0..65535, a 16-bit PNG, kept at full precision).</summary>
    public int BitDepth { get; init; } = 8;

    /// <summary>The largest sample value, 2^<see cref="BitDepth"/> − 1.</summary>
    public double MaxValue => BitDepth == 16 ? ushort.MaxValue : byte.MaxValue;
}
