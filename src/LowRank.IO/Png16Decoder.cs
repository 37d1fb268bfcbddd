using System.Buffers.Binary;
using System.IO.Compression;

namespace LowRank.IO;

/// <summary>
/// Reads the samples of a 16-bit PNG exactly (PNG specification, 3rd ed., W3C 2025: §11.2.1 IHDR, §10 the zlib stream of
/// the IDAT chunks, §9 the five row filters, §8.2 Adam7 interlacing, §11.3.2.1 tRNS). Skia decodes 16-bit PNG only to
/// half floats, whose 11 significant bits cannot hold every 16-bit value. Output: RGBA, 16 bits per sample, row-major
/// (grey is copied to R, G and B; alpha is 65535 where the file has none, 0 on the tRNS colour).
/// </summary>
internal static class Png16Decoder
{
    /// <summary>Adam7 passes: first column, first row, column step, row step (§8.2); one pass of (0, 0, 1, 1) without interlacing.</summary>
    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    public static ushort[] Decode(string path, byte[] png, out int width, out int height)
    {
        var idat = new MemoryStream();
        int colourType = -1, interlace = 0;
        width = height = 0;
        ushort[]? transparent = null;
        for (int offset = 8; offset + 12 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            if (length < 0 || offset + 12L + length > png.Length) throw InputFile.Error(path, "truncated PNG: a chunk runs past the end of the file");
            ReadOnlySpan<byte> type = png.AsSpan(offset + 4, 4), data = png.AsSpan(offset + 8, length);
            offset += 12 + length;
            if (type.SequenceEqual("IHDR"u8))
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                colourType = data[9];
                interlace = data[12];
            }
            else if (type.SequenceEqual("tRNS"u8) && data.Length >= 2)
            {
                transparent = new ushort[data.Length / 2];
                for (int i = 0; i < transparent.Length; i++) transparent[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(2 * i)..]);
            }
            else if (type.SequenceEqual("IDAT"u8)) idat.Write(data);
            else if (type.SequenceEqual("IEND"u8)) break;
        }
        int samples = colourType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 0 };
        if (samples == 0 || width <= 0 || height <= 0) throw InputFile.Error(path, "not a 16-bit grey or RGB PNG (bad IHDR)");
        byte[] raw = Inflate(path, idat);
        var rgba = new ushort[(long)width * height * 4];
        int position = 0;
        foreach (var pass in interlace == 1 ? Adam7 : [(0, 0, 1, 1)])
        {
            int w = (width - pass.X0 + pass.Dx - 1) / pass.Dx, h = (height - pass.Y0 + pass.Dy - 1) / pass.Dy;
            if (w <= 0 || h <= 0) continue;
            int rowBytes = w * samples * 2;
            var previous = new byte[rowBytes];
            var row = new byte[rowBytes];
            for (int y = 0; y < h; y++)
            {
                if (position + 1 + rowBytes > raw.Length) throw InputFile.Error(path, "truncated image: the pixel data ends early");
                Unfilter(path, raw[position], raw.AsSpan(position + 1, rowBytes), previous, row, samples * 2);
                position += 1 + rowBytes;
                for (int x = 0; x < w; x++)
                    Store(rgba, ((long)(pass.Y0 + y * pass.Dy) * width + pass.X0 + x * pass.Dx) * 4, row.AsSpan(x * samples * 2), samples, transparent);
                (previous, row) = (row, previous);
            }
        }
        return rgba;
    }

    private static byte[] Inflate(string path, MemoryStream idat)
    {
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        try
        {
            zlib.CopyTo(raw);
        }
        catch (InvalidDataException e)
        {
            throw InputFile.Error(path, $"corrupt PNG pixel data: {e.Message}");
        }
        return raw.ToArray();
    }

    /// <summary>Undoes the row filter (§9.2: None, Sub, Up, Average, Paeth) with <paramref name="bpp"/> bytes per pixel.</summary>
    private static void Unfilter(string path, byte filter, ReadOnlySpan<byte> filtered, ReadOnlySpan<byte> previous, Span<byte> row, int bpp)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => Paeth(a, b, c),
                _ => throw InputFile.Error(path, $"corrupt PNG: unknown row filter {filter}"),
            };
            row[i] = (byte)(filtered[i] + predictor);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>Writes one pixel of <paramref name="samples"/> big-endian samples as RGBA at <paramref name="at"/>.</summary>
    private static void Store(ushort[] rgba, long at, ReadOnlySpan<byte> pixel, int samples, ushort[]? transparent)
    {
        Span<ushort> s = stackalloc ushort[4];
        for (int k = 0; k < samples; k++) s[k] = BinaryPrimitives.ReadUInt16BigEndian(pixel[(2 * k)..]);
        bool grey = samples <= 2;
        rgba[at] = s[0];
        rgba[at + 1] = grey ? s[0] : s[1];
        rgba[at + 2] = grey ? s[0] : s[2];
        rgba[at + 3] = samples switch
        {
            2 => s[1],
            4 => s[3],
            _ => transparent is not null && s[..samples].SequenceEqual(transparent.AsSpan(0, Math.Min(samples, transparent.Length))) ? (ushort)0 : ushort.MaxValue,
        };
    }
}
