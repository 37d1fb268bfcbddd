using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LowRank.IO;

/// <summary>
/// The on-disk cache of SV-Learn labels (the exact singular values of a stack of matrices, the expensive part of a
/// data set; the matrices themselves are cut again from their source in a fraction of a second). Version 1, little-endian:
/// <code>
/// header   8 bytes magic 89 'L' 'R' 'S' 'V' 0D 0A 1A   u16 version (1)   u16 reserved (0)
///          i32 count   i32 rows   i32 cols   i32 outputs   32 bytes key = SHA-256 of the matrices (<see cref="Key"/>)
/// payload  count × outputs float64, row-major
/// trailer  32 bytes SHA-256 of the payload
/// </code>
/// <see cref="TryRead"/> trusts a file only when every field matches and both hashes agree: a missing, foreign, stale,
/// truncated or corrupt cache is reported (so the caller recomputes and rewrites it), never used. Writes are atomic.
/// </summary>
public static class SingularValueCache
{
    public const ushort FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => [0x89, (byte)'L', (byte)'R', (byte)'S', (byte)'V', 0x0D, 0x0A, 0x1A];

    private const int HeaderLength = 8 + 2 + 2 + 4 * 4 + 32;

    /// <summary>SHA-256 of the shape and the float32 values of the matrices: what the labels belong to.</summary>
    public static byte[] Key(int count, int rows, int cols, ReadOnlySpan<float> values)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> shape = stackalloc byte[12];
        BitConverter.TryWriteBytes(shape, count);
        BitConverter.TryWriteBytes(shape[4..], rows);
        BitConverter.TryWriteBytes(shape[8..], cols);
        hash.AppendData(shape);
        hash.AppendData(MemoryMarshal.AsBytes(values));
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// The cached labels for matrices with this key and shape, or null with <paramref name="why"/> saying why the cache
    /// cannot be used ("absent", "checksum mismatch", …).
    /// </summary>
    public static double[]? TryRead(string path, byte[] key, int count, int rows, int cols, int outputs, out string why)
    {
        if (!File.Exists(path))
        {
            why = "absent";
            return null;
        }
        try
        {
            using var stream = File.OpenRead(path);
            var header = new byte[HeaderLength];
            if (stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength) return Fail("truncated header", out why);
            if (!header.AsSpan(0, 8).SequenceEqual(Magic)) return Fail("not a LowRank singular-value cache", out why);
            if (BitConverter.ToUInt16(header, 8) != FormatVersion) return Fail($"format version {BitConverter.ToUInt16(header, 8)}", out why);
            if (BitConverter.ToInt32(header, 12) != count || BitConverter.ToInt32(header, 16) != rows
                || BitConverter.ToInt32(header, 20) != cols || BitConverter.ToInt32(header, 24) != outputs)
                return Fail("shape differs", out why);
            if (!header.AsSpan(28, 32).SequenceEqual(key)) return Fail("made from other matrices", out why);
            var labels = new double[(long)count * outputs];
            var bytes = MemoryMarshal.AsBytes(labels.AsSpan());
            var hash = new byte[32];
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length
                || stream.ReadAtLeast(hash, 32, throwOnEndOfStream: false) < 32)
                return Fail("truncated", out why);
            if (stream.ReadByte() != -1) return Fail("bytes after the checksum", out why);
            if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(hash)) return Fail("checksum mismatch", out why);
            why = "valid";
            return labels;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"unreadable ({e.Message})", out why);
        }
    }

    /// <summary>Writes the labels atomically; a failure is a <see cref="FileAccessException"/> naming the file.</summary>
    public static void Write(string path, byte[] key, int count, int rows, int cols, int outputs, ReadOnlySpan<double> labels,
        CancellationToken cancellationToken = default)
    {
        if (labels.Length != (long)count * outputs) throw new ArgumentException($"{labels.Length} labels for {count} × {outputs}");
        var header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BitConverter.TryWriteBytes(header.AsSpan(8), FormatVersion);
        BitConverter.TryWriteBytes(header.AsSpan(12), count);
        BitConverter.TryWriteBytes(header.AsSpan(16), rows);
        BitConverter.TryWriteBytes(header.AsSpan(20), cols);
        BitConverter.TryWriteBytes(header.AsSpan(24), outputs);
        key.CopyTo(header, 28);
        byte[] payload = MemoryMarshal.AsBytes(labels).ToArray();
        byte[] hash = SHA256.HashData(payload);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            stream.Write(payload);
            stream.Write(hash);
        }, cancellationToken);
    }

    private static double[]? Fail(string reason, out string why)
    {
        why = reason;
        return null;
    }
}
