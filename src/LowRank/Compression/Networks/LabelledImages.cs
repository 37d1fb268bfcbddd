namespace LowRank.Compression.Networks;

/// <summary>
/// Grey images with class labels, as an IDX file pair holds them (Fashion-MNIST): <see cref="Count"/> images of
/// <see cref="Height"/> × <see cref="Width"/> raw pixel values, row-major, one image after the other.
/// </summary>
public sealed record LabelledImages
{
    public LabelledImages(int width, int height, double[] pixels, int[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != (long)labels.Length * width * height)
            throw new ArgumentException($"{pixels.Length} pixels for {labels.Length} images of {width}×{height}");
        Width = width;
        Height = height;
        Pixels = pixels;
        Labels = labels;
    }

    public int Width { get; }

    public int Height { get; }

    public double[] Pixels { get; }

    public int[] Labels { get; }

    public int Count => Labels.Length;

    public int PixelsPerImage => Width * Height;

    /// <summary>Images <paramref name="start"/> .. start + count − 1 (copied).</summary>
    public LabelledImages Slice(int start, int count) =>
        new(Width, Height, Pixels.AsSpan(start * PixelsPerImage, count * PixelsPerImage).ToArray(), Labels.AsSpan(start, count).ToArray());

    /// <summary>Every image upside down (rows in reverse order), the labels unchanged.</summary>
    public LabelledImages FlipVertically()
    {
        var flipped = new double[Pixels.Length];
        for (int n = 0; n < Count; n++)
            for (int r = 0; r < Height; r++)
                Pixels.AsSpan((n * Height + r) * Width, Width).CopyTo(flipped.AsSpan((n * Height + Height - 1 - r) * Width, Width));
        return new LabelledImages(Width, Height, flipped, Labels);
    }
}
