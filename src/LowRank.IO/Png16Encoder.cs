using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// Writes 16-bit PNG files (PNG specification, 3rd ed., W3C 2025: §11.2.1 IHDR, §9 filter type 0 on every row, §10 zlib
/// stream split into IDAT chunks, §5.5 CRC-32): grey (colour type 0), grey + alpha (4), RGB (2) or RGBA (6), samples
/// big-endian, rounded and clamped to 0..65535 (NaN as 0). Written here rather than by Skia so that every 16-bit sample
/// is stored exactly, whatever colour types Skia's encoder converts through (a half float holds only 11 significant bits).
/// </summary>
internal static class Png16Encoder
{
    private const int IdatChunkBytes = 1 << 20;
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = MakeCrcTable();

    public static byte[] Encode(ImageData image)
    {
        RgbaPixels.Validate(image);
        Matrix[] planes = image.Alpha is Matrix a ? [.. image.Channels, a] : [.. image.Channels];
        byte colourType = (image.IsGrey, image.Alpha != null) switch
        {
            (true, false) => 0,
            (true, true) => 4,
            (false, false) => 2,
            _ => 6,
        };
        using var output = new MemoryStream();
        output.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = 16;
        header[9] = colourType; // compression, filter and interlace methods stay 0
        WriteChunk(output, "IHDR", header);
        byte[] compressed = Deflate(image, planes);
        for (int start = 0; start < compressed.Length; start += IdatChunkBytes)
            WriteChunk(output, "IDAT", compressed.AsSpan(start, Math.Min(IdatChunkBytes, compressed.Length - start)));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>The zlib stream of the filtered rows: a filter-type byte 0 (None), then the row's big-endian samples.</summary>
    private static byte[] Deflate(ImageData image, Matrix[] planes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + (long)image.Width * planes.Length * 2];
            for (int y = 0; y < image.Height; y++)
            {
                int offset = 1;
                for (int x = 0; x < image.Width; x++)
                {
                    foreach (Matrix plane in planes)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(offset), ToUInt16(plane[y, x]));
                        offset += 2;
                    }
                }
                zlib.Write(row);
            }
        }
        return compressed.ToArray();
    }

    private static ushort ToUInt16(double v) => double.IsNaN(v) ? (ushort)0 : (ushort)Math.Clamp(Math.Round(v), 0, ushort.MaxValue);

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        byte[] typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(Crc32(uint.MaxValue, typeBytes), data) ^ uint.MaxValue);
        output.Write(word);
    }

    /// <summary>Updates a CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected) as PNG §5.5 and its Annex D compute it.</summary>
    private static uint Crc32(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
