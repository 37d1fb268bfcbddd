using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// A decoded image: one channel (grey) or three (R, G, B), each a <see cref="Height"/> × <see cref="Width"/> matrix
/// with values in 0..255 (row i is the i-th pixel row from the top). <see cref="Alpha"/> (0..255) is null when the
/// image is fully opaque.
/// </summary>
public sealed record ImageData(int Width, int Height, IReadOnlyList<Matrix> Channels, Matrix? Alpha)
{
    /// <summary>True for a one-channel (greyscale) image.</summary>
    public bool IsGrey => Channels.Count == 1;
}
