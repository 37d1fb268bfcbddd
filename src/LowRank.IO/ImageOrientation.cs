using LowRank.Linalg;
using SkiaSharp;

namespace LowRank.IO;

/// <summary>
/// Turns stored pixels upright according to the EXIF orientation tag (TIFF/EXIF 2.3 tag 0x0112, values 1–8; Skia
/// reports it as <see cref="SKEncodedOrigin"/>): the name says where the stored first row and first column lie in the
/// upright picture. Camera JPEGs are often stored sideways with tag 6 (rotate 90° clockwise to view).
/// </summary>
internal static class ImageOrientation
{
    public static ImageData Apply(ImageData image, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return image;
        bool swaps = SwapsAxes(origin);
        return image with
        {
            Width = swaps ? image.Height : image.Width,
            Height = swaps ? image.Width : image.Height,
            Channels = image.Channels.Select(c => Upright(c, origin)).ToArray(),
            Alpha = image.Alpha is Matrix a ? Upright(a, origin) : null,
        };
    }

    /// <summary>The upright plane: out[y, x] = stored[row, col] for the (row, col) the orientation maps to (y, x).</summary>
    private static Matrix Upright(Matrix stored, SKEncodedOrigin origin)
    {
        int h = stored.Rows, w = stored.Cols;
        bool swaps = SwapsAxes(origin);
        var upright = swaps ? new Matrix(w, h) : new Matrix(h, w);
        for (int x = 0; x < upright.Cols; x++)
        {
            for (int y = 0; y < upright.Rows; y++)
            {
                upright[y, x] = origin switch
                {
                    SKEncodedOrigin.TopRight => stored[y, w - 1 - x],            // 2: mirrored left–right
                    SKEncodedOrigin.BottomRight => stored[h - 1 - y, w - 1 - x], // 3: rotated 180°
                    SKEncodedOrigin.BottomLeft => stored[h - 1 - y, x],          // 4: mirrored top–bottom
                    SKEncodedOrigin.LeftTop => stored[x, y],                     // 5: transposed
                    SKEncodedOrigin.RightTop => stored[h - 1 - x, y],            // 6: rotate 90° clockwise to view
                    SKEncodedOrigin.RightBottom => stored[h - 1 - x, w - 1 - y], // 7: transverse
                    SKEncodedOrigin.LeftBottom => stored[x, w - 1 - y],          // 8: rotate 90° counter-clockwise to view
                    _ => stored[y, x],
                };
            }
        }
        return upright;
    }

    /// <summary>Orientations 5–8 store the picture with rows and columns exchanged.</summary>
    private static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
}
