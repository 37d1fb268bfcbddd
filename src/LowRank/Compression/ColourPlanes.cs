using LowRank.Approximation;
using LowRank.Linalg;

namespace LowRank.Compression;

/// <summary>
/// Converts an image's channels (grey, or R, G, B; values 0..255) to the planes of a <see cref="ColourModel"/> and
/// back to the 8-bit pixels a file stores. YCbCr is the full-range BT.601 transform of JPEG/JFIF (ITU-T T.871, §7):
/// Y = 0.299R + 0.587G + 0.114B, Cb = 128 − 0.168736R − 0.331264G + 0.5B, Cr = 128 + 0.5R − 0.418688G − 0.081312B,
/// inverted by R = Y + 1.402(Cr − 128), G = Y − 0.344136(Cb − 128) − 0.714136(Cr − 128), B = Y + 1.772(Cb − 128).
/// </summary>
public static class ColourPlanes
{
    /// <summary>The model of an image with <paramref name="channels"/> channels (1 grey, 3 RGB), YCbCr when asked for.</summary>
    public static ColourModel ModelFor(int channels, bool ycbcr) => (channels, ycbcr) switch
    {
        (1, false) => ColourModel.Grey,
        (3, false) => ColourModel.Rgb,
        (3, true) => ColourModel.YCbCr,
        (1, true) => throw new InvalidInputException("YCbCr needs a colour image; this one is greyscale"),
        _ => throw new ArgumentException($"an image has 1 or 3 channels, not {channels}"),
    };

    /// <summary>Short names of the planes, e.g. "Y", "Cb", "Cr".</summary>
    public static IReadOnlyList<string> Names(ColourModel model) => model switch
    {
        ColourModel.Grey => ["grey"],
        ColourModel.Rgb => ["R", "G", "B"],
        _ => ["Y", "Cb", "Cr"],
    };

    /// <summary>Whether plane <paramref name="plane"/> carries colour only (Cb, Cr), and may take a lower rank.</summary>
    public static bool IsChroma(ColourModel model, int plane) => model == ColourModel.YCbCr && plane > 0;

    /// <summary>The planes of <paramref name="model"/> from grey or R, G, B channels (copies; the input is not changed).</summary>
    public static Matrix[] Split(IReadOnlyList<Matrix> channels, ColourModel model)
    {
        if (channels.Count != (model == ColourModel.Grey ? 1 : 3))
            throw new ArgumentException($"{model} needs {(model == ColourModel.Grey ? 1 : 3)} channels, not {channels.Count}");
        if (model != ColourModel.YCbCr) return channels.Select(c => c.Clone()).ToArray();
        return Mix(channels, [[0.299, 0.587, 0.114], [-0.168736, -0.331264, 0.5], [0.5, -0.418688, -0.081312]], [0, 128, 128], [0, 0, 0]);
    }

    /// <summary>
    /// The 8-bit pixels (grey, or R, G, B; rounded and clamped to 0..255, <see cref="ImageQuality.ToPixels"/>) of
    /// planes in <paramref name="model"/> — exactly what an image file stores.
    /// </summary>
    public static Matrix[] ToPixels(IReadOnlyList<Matrix> planes, ColourModel model)
    {
        var rgb = model == ColourModel.YCbCr
            ? Mix(planes, [[1, 0, 1.402], [1, -0.344136, -0.714136], [1, 1.772, 0]], [0, 0, 0], [0, 128, 128])
            : planes.ToArray();
        return rgb.Select(ImageQuality.ToPixels).ToArray();
    }

    /// <summary>BT.601 luma of grey (itself) or R, G, B pixels — the plane on which SSIM is measured.</summary>
    public static Matrix Luma(IReadOnlyList<Matrix> channels) =>
        channels.Count == 1 ? channels[0] : Mix(channels, [[0.299, 0.587, 0.114]], [0], [0, 0, 0])[0];

    /// <summary>out_r = offset_r + Σ_c weights[r][c]·(in_c − shift_c), entry by entry.</summary>
    private static Matrix[] Mix(IReadOnlyList<Matrix> input, double[][] weights, double[] offset, double[] shift)
    {
        var output = new Matrix[weights.Length];
        int length = input[0].Data.Length;
        for (int r = 0; r < weights.Length; r++)
        {
            var o = new Matrix(input[0].Rows, input[0].Cols);
            Array.Fill(o.Data, offset[r]);
            for (int c = 0; c < input.Count; c++)
            {
                double w = weights[r][c], s = shift[c];
                if (w == 0) continue;
                double[] x = input[c].Data;
                for (int i = 0; i < length; i++) o.Data[i] += w * (x[i] - s);
            }
            output[r] = o;
        }
        return output;
    }
}
