namespace LowRank.Compression;

/// <summary>The planes an image is compressed in.</summary>
public enum ColourModel
{
    /// <summary>One grey plane.</summary>
    Grey = 0,

    /// <summary>Red, green and blue planes, each at the same rank.</summary>
    Rgb = 1,

    /// <summary>
    /// Luma Y and chroma Cb, Cr (JPEG/JFIF full-range BT.601, <see cref="ColourPlanes"/>); the chroma planes may be
    /// given a lower rank, as the eye resolves colour more coarsely than brightness.
    /// </summary>
    YCbCr = 2,
}
