using LowRank.Linalg;
using SkiaSharp;

namespace LowRank.IO;

/// <summary>
/// Images through SkiaSharp: PNG, JPEG, WebP and BMP. Decoding yields unpremultiplied RGBA — 16-bit for a 16-bit PNG
/// (values 0..65535, <see cref="ImageData.BitDepth"/> 16; its samples read exactly by <see cref="Png16Decoder"/>), else
/// 8-bit — split into one grey channel (when every pixel has R = G = B) or R, G, B channels, plus alpha when not fully
/// opaque, and turned upright by the EXIF orientation tag (<see cref="ImageOrientation"/>).
/// </summary>
public static class ImageFile
{
    private const int JpegQuality = 95;

    /// <summary>
    /// PNG: the Sub, Up and Paeth row filters at zlib level 4. Against Skia's default (all five filters, level 6) it
    /// encodes camera.png-sized images in about 60 % of the time for files under 1 % larger (measured on the rank-50
    /// camera and chelsea images: 126.6 kB against 125.7 kB, 197.5 kB against 195.8 kB).
    /// </summary>
    private static readonly SKPngEncoderOptions PngOptions =
        new(SKPngEncoderFilterFlags.Sub | SKPngEncoderFilterFlags.Up | SKPngEncoderFilterFlags.Paeth, 4);

    public static ImageData Read(string path)
    {
        byte[] bytes = InputFile.Guard(path, () =>
        {
            using FileStream stream = InputFile.OpenRead(path);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });
        if (bytes.Length == 0) throw InputFile.Error(path, "the file is empty");
        using SKData data = SKData.CreateCopy(bytes);
        using SKCodec? codec = SKCodec.Create(data);
        if (codec == null) throw InputFile.Error(path, "not a readable image (unknown format, or a corrupt or truncated header)");
        int width = codec.Info.Width, height = codec.Info.Height;
        MemoryBudget.RequireMatrix(height, width, $"{path}: the image", copies: 5);
        ImageData image;
        if (codec.EncodedFormat == SKEncodedImageFormat.Png && IsPng16(bytes))
        {
            ushort[] samples = Png16Decoder.Decode(path, bytes, out int w, out int h);
            image = RgbaPixels.ToImage(w, h, (ReadOnlySpan<ushort>)samples, w * 4);
        }
        else
        {
            var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            var pixels = new byte[info.BytesSize64];
            SKCodecResult result = codec.GetPixels(info, pixels);
            if (result == SKCodecResult.IncompleteInput) throw InputFile.Error(path, "truncated image: the pixel data ends early");
            if (result != SKCodecResult.Success) throw InputFile.Error(path, $"cannot decode the image ({result})");
            image = RgbaPixels.ToImage(width, height, (ReadOnlySpan<byte>)pixels, info.RowBytes);
        }
        return ImageOrientation.Apply(image, codec.EncodedOrigin);
    }

    /// <summary>
    /// Encodes by extension: .png (lossless, alpha kept; 16-bit when <see cref="ImageData.BitDepth"/> is 16), .jpg/.jpeg
    /// (quality 95, no alpha), .webp (lossless, alpha kept), .bmp (24-bit, no alpha). Values are rounded and clamped to
    /// 0..<see cref="ImageData.MaxValue"/>; a 16-bit image is written to the 8-bit formats divided by 257. Written
    /// atomically. Returns a warning, one line each, for every loss of precision beyond rounding: 16-bit data stored in
    /// 8 bits, values clipped to the range.
    /// </summary>
    public static IReadOnlyList<string> Write(string path, ImageData image, CancellationToken cancellationToken = default)
    {
        RgbaPixels.Validate(image);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (!FileKinds.ImageExtensions.Contains(ext))
            throw InputFile.Error(path, $"unsupported image type; use one of {string.Join(", ", FileKinds.ImageExtensions)}");
        var warnings = new List<string>();
        bool sixteen = image.BitDepth == 16 && ext == ".png";
        if (image.BitDepth == 16 && !sixteen)
            warnings.Add($"{path}: a 16-bit image written as 8-bit {ext} (values divided by 257, the low 8 bits lost); write .png to keep 16 bits");
        ImageData target = sixteen ? image : To8Bit(image);
        var (count, missing, lo, hi) = Clipped(target, keepAlpha: ext is not (".jpg" or ".jpeg" or ".bmp"));
        if (count > 0)
            warnings.Add($"{path}: {count:N0} value{(count == 1 ? "" : "s")} outside 0..{target.MaxValue:0} clipped to the range "
                + $"(the values span {lo:G5} to {hi:G5})");
        if (missing > 0)
            warnings.Add($"{path}: {missing:N0} missing (NaN) value{(missing == 1 ? "" : "s")} written as 0");
        byte[] encoded = sixteen ? Png16Encoder.Encode(target) : Encode(path, ext, target);
        AtomicFile.Write(path, stream => stream.Write(encoded), cancellationToken);
        return warnings;
    }

    /// <summary>The image on the 8-bit scale: a 16-bit image's values (and alpha) divided by 257; an 8-bit one as is.</summary>
    public static ImageData To8Bit(ImageData image)
    {
        RgbaPixels.Validate(image);
        if (image.BitDepth == 8) return image;
        const double Scale = byte.MaxValue / (double)ushort.MaxValue;
        return image with
        {
            Channels = image.Channels.Select(c => Scaled(c, Scale)).ToArray(),
            Alpha = image.Alpha is Matrix a ? Scaled(a, Scale) : null,
            BitDepth = 8,
        };
    }

    private static Matrix Scaled(Matrix m, double factor) => new(m.Rows, m.Cols, Array.ConvertAll(m.Data, v => v * factor));

    /// <summary>Resamples to <paramref name="width"/> × <paramref name="height"/>: mipmapped bilinear when shrinking, Mitchell cubic when enlarging.</summary>
    public static ImageData Resize(ImageData image, int width, int height)
    {
        RgbaPixels.Validate(image);
        if (image.BitDepth != 8) throw new ArgumentException("Resize works on 8-bit images; convert with To8Bit first", nameof(image));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        bool shrinking = width < image.Width || height < image.Height;
        var sampling = shrinking
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
        var alphaType = image.Alpha == null ? SKAlphaType.Opaque : SKAlphaType.Unpremul;
        using SKImage source = SKImage.FromPixelCopy(
            new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, alphaType), RgbaPixels.FromImage(image, keepAlpha: true));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, alphaType);
        using var target = new SKBitmap(info);
        using SKPixmap pixmap = target.PeekPixels();
        if (!source.ScalePixels(pixmap, sampling)) throw new InvalidOperationException("Skia could not resample the image");
        ImageData resized = RgbaPixels.ToImage(width, height, pixmap.GetPixelSpan(), pixmap.RowBytes);
        return KeepLayout(image, resized);
    }

    /// <summary>ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B (alpha kept); a grey image is returned as is.</summary>
    public static ImageData ToGrey(ImageData image)
    {
        RgbaPixels.Validate(image);
        if (image.IsGrey) return image;
        var grey = new Matrix(image.Height, image.Width);
        double[] r = image.Channels[0].Data, g = image.Channels[1].Data, b = image.Channels[2].Data;
        for (int k = 0; k < grey.Data.Length; k++) grey.Data[k] = 0.299 * r[k] + 0.587 * g[k] + 0.114 * b[k];
        return image with { Channels = [grey] };
    }

    private static byte[] Encode(string path, string ext, ImageData image)
    {
        if (ext == ".bmp") return BmpEncoder.Encode(image.Width, image.Height, RgbaPixels.FromImage(image, keepAlpha: false));
        bool jpeg = ext is ".jpg" or ".jpeg";
        bool alpha = image.Alpha != null && !jpeg;
        SKImageInfo info;
        byte[] pixels;
        if (image.IsGrey && !alpha && ext != ".webp")
        {
            info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
            pixels = RgbaPixels.GreyBytes(image);
        }
        else
        {
            info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, alpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
            pixels = RgbaPixels.FromImage(image, keepAlpha: alpha);
        }
        using SKImage skImage = SKImage.FromPixelCopy(info, pixels);
        using SKPixmap pixmap = skImage.PeekPixels();
        using SKData? data = ext switch
        {
            ".png" => pixmap.Encode(PngOptions),
            ".webp" => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100)),
            _ => pixmap.Encode(SKEncodedImageFormat.Jpeg, JpegQuality),
        };
        return data?.ToArray() ?? throw InputFile.Error(path, $"cannot encode a {image.Width}×{image.Height} image as {ext}");
    }

    /// <summary>Whether a PNG's IHDR (the first chunk, PNG §11.2.1) gives 16 bits per sample: bit depth at byte 24.</summary>
    private static bool IsPng16(byte[] png) => png.Length > 24 && png[24] == 16;

    /// <summary>
    /// How many values (channels, and alpha when it is stored) lie outside 0..max by more than rounding covers, and the
    /// range of all values.
    /// </summary>
    private static (int Count, int Missing, double Lo, double Hi) Clipped(ImageData image, bool keepAlpha)
    {
        int count = 0, missing = 0;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity, max = image.MaxValue + 0.5;
        foreach (Matrix m in keepAlpha && image.Alpha is Matrix a ? [.. image.Channels, a] : image.Channels)
        {
            foreach (double v in m.Data)
            {
                // NaN (a missing entry) is counted apart: the encoders write it as 0, a loss a warning must name.
                if (double.IsNaN(v))
                {
                    missing++;
                    continue;
                }
                if (v < -0.5 || v >= max) count++;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }
        return (count, missing, lo, hi);
    }

    /// <summary>Keeps the channel count and the presence of alpha of the original through resampling.</summary>
    private static ImageData KeepLayout(ImageData original, ImageData resized)
    {
        IReadOnlyList<Matrix> channels = original.IsGrey ? [resized.Channels[0]] : resized.Channels;
        if (!original.IsGrey && resized.IsGrey) channels = [resized.Channels[0], resized.Channels[0].Clone(), resized.Channels[0].Clone()];
        Matrix? alpha = original.Alpha == null ? null : resized.Alpha ?? Opaque(resized.Height, resized.Width);
        return resized with { Channels = channels, Alpha = alpha };
    }

    private static Matrix Opaque(int rows, int cols)
    {
        var m = new Matrix(rows, cols);
        Array.Fill(m.Data, 255.0);
        return m;
    }
}
