using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using LowRank.Compression;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// The <c>.lrz</c> compressed image format, version 1: the quantised rank-k factors of each plane
/// (<see cref="QuantizedImage"/>). All integers little-endian.
/// <code>
/// offset  size       field
/// 0       4          magic 89 4C 52 5A ("\x89LRZ"; the high byte catches 7-bit transfers, like PNG's)
/// 4       2          format version (1)
/// 6       1          colour model: 0 grey, 1 RGB, 2 YCbCr
/// 7       1          bits per code: 8 or 16
/// 8       4          width
/// 12      4          height
/// 16      1          planes P: 1 (grey) or 3
/// 17      1          flags: 1 = an alpha plane follows the factors, 2 = the payload is Deflate-compressed (RFC 1951)
/// 18      4·P        rank k_c of each plane
/// 18+4P   4          payload length in bytes, as stored
/// 22+4P   payload    per plane: σ (k f64), scales of u_j (k f64), scales of v_j (k f64), codes of U_k (m·k, column
///                    by column), codes of V_k (n·k); signed 8- or 16-bit integers. Then alpha, m·n bytes, row by row.
/// end−32  32         SHA-256 of every byte before it
/// </code>
/// The raw payload is Σ_c k_c·(24 + (m + n)·b/8) bytes (+ m·n for alpha); the writer deflates it only when that is
/// smaller. The file is exactly header + payload + 32 bytes; anything else is refused.
/// </summary>
public static class LrzFile
{
    public const string Extension = ".lrz";

    /// <summary>The format version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>Bytes of the SHA-256 checksum at the end.</summary>
    public const int ChecksumBytes = 32;

    private const int AlphaFlag = 1, DeflateFlag = 2;
    private static readonly byte[] Magic = [0x89, (byte)'L', (byte)'R', (byte)'Z'];

    /// <summary>Whether <paramref name="path"/> names a .lrz file.</summary>
    public static bool IsLrz(string path) => string.Equals(Path.GetExtension(path), Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Header bytes of an image with <paramref name="planes"/> planes: 22 + 4·planes.</summary>
    public static int HeaderBytes(int planes) => 22 + 4 * planes;

    /// <summary>Bytes of the payload before any Deflate stage: the factors (and the alpha plane).</summary>
    public static long RawPayloadBytes(int width, int height, int bits, IReadOnlyList<int> ranks, bool alpha) =>
        ranks.Sum(k => k * (24L + (long)(width + height) * bits / 8)) + (alpha ? (long)width * height : 0);

    /// <summary>The complete file contents.</summary>
    public static byte[] Encode(QuantizedImage image)
    {
        byte[] raw = Payload(image);
        byte[] deflated = Deflate(raw);
        bool compress = deflated.Length < raw.Length;
        byte[] payload = compress ? deflated : raw;
        int planes = image.Planes.Count, header = HeaderBytes(planes);
        var file = new byte[header + payload.Length + ChecksumBytes];
        var span = file.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], Version);
        span[6] = (byte)image.Model;
        span[7] = (byte)image.Bits;
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], image.Width);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], image.Height);
        span[16] = (byte)planes;
        span[17] = (byte)((image.Alpha is null ? 0 : AlphaFlag) | (compress ? DeflateFlag : 0));
        for (int c = 0; c < planes; c++) BinaryPrimitives.WriteInt32LittleEndian(span[(18 + 4 * c)..], image.Planes[c].Rank);
        BinaryPrimitives.WriteInt32LittleEndian(span[(18 + 4 * planes)..], payload.Length);
        payload.CopyTo(span[header..]);
        SHA256.HashData(span[..^ChecksumBytes], span[^ChecksumBytes..]);
        return file;
    }

    /// <summary>Reads and checks a .lrz file; any defect is a one-line <see cref="InvalidInputException"/> naming the file.</summary>
    public static QuantizedImage Read(string path)
    {
        byte[] bytes = InputFile.Guard(path, () =>
        {
            using FileStream stream = InputFile.OpenRead(path);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });
        return Decode(bytes, path);
    }

    /// <summary>Parses file contents; <paramref name="path"/> names the source in error messages.</summary>
    public static QuantizedImage Decode(ReadOnlySpan<byte> file, string path)
    {
        if (file.Length == 0) throw InputFile.Error(path, "the file is empty");
        if (!file[..Math.Min(file.Length, Magic.Length)].SequenceEqual(Magic.AsSpan(0, Math.Min(file.Length, Magic.Length))))
            throw InputFile.Error(path, "not a .lrz file (wrong magic bytes)");
        if (file.Length < 6) throw Truncated(path);
        int version = BinaryPrimitives.ReadUInt16LittleEndian(file[4..]);
        if (version > Version)
            throw InputFile.Error(path, $".lrz format version {version} is newer than this LowRank reads ({Version}); upgrade LowRank");
        if (version != Version) throw InputFile.Error(path, $"unknown .lrz format version {version}");
        if (file.Length < HeaderBytes(1)) throw Truncated(path);
        int planes = file[16];
        if (planes is not (1 or 3)) throw InputFile.Error(path, $"corrupt header: {planes} planes (1 or 3 expected)");
        int header = HeaderBytes(planes);
        if (file.Length < header) throw Truncated(path);
        long payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(file[(header - 4)..]);
        long expected = header + payloadLength + ChecksumBytes;
        if (file.Length < expected) throw Truncated(path);
        if (file.Length > expected) throw InputFile.Error(path, $"{file.Length - expected} unexpected bytes after the checksum");
        if (!SHA256.HashData(file[..^ChecksumBytes]).AsSpan().SequenceEqual(file[^ChecksumBytes..]))
            throw InputFile.Error(path, "checksum mismatch: the file is corrupt or was modified");
        return Parse(file, header, (int)payloadLength, path);
    }

    private static QuantizedImage Parse(ReadOnlySpan<byte> file, int header, int payloadLength, string path)
    {
        int model = file[6], bits = file[7], planes = file[16], flags = file[17];
        int width = BinaryPrimitives.ReadInt32LittleEndian(file[8..]), height = BinaryPrimitives.ReadInt32LittleEndian(file[12..]);
        if (model > (int)ColourModel.YCbCr || (planes == 1) != (model == (int)ColourModel.Grey))
            throw InputFile.Error(path, $"corrupt header: colour model {model} with {planes} planes");
        if (bits is not (8 or 16)) throw InputFile.Error(path, $"corrupt header: {bits}-bit codes (8 or 16 expected)");
        if (width <= 0 || height <= 0) throw InputFile.Error(path, $"corrupt header: image size {width}×{height}");
        if ((flags & ~(AlphaFlag | DeflateFlag)) != 0) throw InputFile.Error(path, $"unknown flags 0x{flags:x2}");
        var ranks = new int[planes];
        for (int c = 0; c < planes; c++)
        {
            ranks[c] = BinaryPrimitives.ReadInt32LittleEndian(file[(18 + 4 * c)..]);
            if (ranks[c] < 1 || ranks[c] > Math.Min(width, height))
                throw InputFile.Error(path, $"corrupt header: rank {ranks[c]} for a {width}×{height} image");
        }
        bool alpha = (flags & AlphaFlag) != 0;
        long rawLength = RawPayloadBytes(width, height, bits, ranks, alpha);
        MemoryBudget.Require(rawLength + Matrix.BytesFor(height, width) * (planes + 2), $"{path}: the {width}×{height} image");
        ReadOnlySpan<byte> stored = file.Slice(header, payloadLength);
        byte[] raw = (flags & DeflateFlag) != 0 ? Inflate(stored, rawLength, path) : stored.ToArray();
        if (raw.Length != rawLength) throw InputFile.Error(path, $"the payload has {raw.Length} bytes; the header accounts for {rawLength}");
        return Unpack(raw, width, height, (ColourModel)model, bits, ranks, alpha);
    }

    private static byte[] Payload(QuantizedImage image)
    {
        int bits = image.Bits;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            foreach (var p in image.Planes)
            {
                foreach (double[] values in new[] { p.S, p.UScales, p.VScales })
                    foreach (double x in values) writer.Write(x);
                foreach (short[] codes in new[] { p.UCodes, p.VCodes })
                    foreach (short q in codes)
                        if (bits == 8) writer.Write((sbyte)q);
                        else writer.Write(q);
            }
            if (image.Alpha is Matrix a)
                for (int y = 0; y < image.Height; y++)
                    for (int x = 0; x < image.Width; x++)
                        writer.Write((byte)Math.Clamp(Math.Round(a[y, x]), 0, 255));
        }
        return stream.ToArray();
    }

    private static QuantizedImage Unpack(byte[] raw, int width, int height, ColourModel model, int bits, int[] ranks, bool hasAlpha)
    {
        using var reader = new BinaryReader(new MemoryStream(raw));
        double[] Doubles(int count) => Enumerable.Range(0, count).Select(_ => reader.ReadDouble()).ToArray();
        short[] Codes(long count)
        {
            var codes = new short[count];
            for (long i = 0; i < count; i++) codes[i] = bits == 8 ? reader.ReadSByte() : reader.ReadInt16();
            return codes;
        }
        var planes = ranks.Select(k => new QuantizedFactors
        {
            Rows = height, Cols = width, Bits = bits,
            S = Doubles(k), UScales = Doubles(k), VScales = Doubles(k),
            UCodes = Codes((long)height * k), VCodes = Codes((long)width * k),
        }).ToArray();
        Matrix? alpha = null;
        if (hasAlpha)
        {
            alpha = new Matrix(height, width);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    alpha[y, x] = reader.ReadByte();
        }
        return new QuantizedImage(width, height, model, bits, planes, alpha);
    }

    private static byte[] Deflate(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) deflate.Write(raw);
        return output.ToArray();
    }

    /// <summary>Inflates at most <paramref name="expected"/> + 1 bytes, so that an oversized stream is caught without inflating it all.</summary>
    private static byte[] Inflate(ReadOnlySpan<byte> stored, long expected, string path)
    {
        using var deflate = new DeflateStream(new MemoryStream(stored.ToArray()), CompressionMode.Decompress);
        var buffer = new byte[expected + 1];
        int read;
        try
        {
            read = InputFile.ReadFully(deflate, buffer);
        }
        catch (InvalidDataException)
        {
            throw InputFile.Error(path, "corrupt compressed payload");
        }
        return buffer.AsSpan(0, read).ToArray();
    }

    private static InvalidInputException Truncated(string path) => InputFile.Error(path, "truncated: the file ends before its checksum");
}
