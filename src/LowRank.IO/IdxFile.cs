using System.Buffers.Binary;
using System.IO.Compression;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// IDX files (the MNIST / Fashion-MNIST format): bytes 0 0, a type byte, the number of dimensions, then each dimension
/// as a big-endian int32, then the values in row-major order, big-endian. Gzip-compressed files (starting with
/// 1f 8b) are read transparently; a path ending in ".gz" is written compressed.
/// </summary>
public static class IdxFile
{
    private const int ChunkElements = 1 << 16;

    /// <summary>Reads the dimensions and the row-major values.</summary>
    public static (int[] Dimensions, double[] Values) Read(string path) => InputFile.Guard(path, () =>
    {
        using Stream stream = InputFile.OpenMaybeGzip(path);
        Span<byte> magic = stackalloc byte[4];
        int got = InputFile.ReadFully(stream, magic);
        if (got == 0) throw InputFile.Error(path, "the file is empty");
        if (got < 4) throw InputFile.Error(path, "truncated: the IDX header is incomplete");
        if (magic[0] != 0 || magic[1] != 0 || !Enum.IsDefined((IdxDataType)magic[2]) || magic[3] == 0)
            throw InputFile.Error(path, "not an IDX file (it must start with 00 00, a type byte 08/09/0B/0C/0D/0E and the number of dimensions)");
        var type = (IdxDataType)magic[2];
        int[] dims = ReadDimensions(path, stream, magic[3]);
        long count = 1;
        foreach (int d in dims) count *= d;
        if (count > Array.MaxLength)
            throw InputFile.Error(path, $"{string.Join("×", dims)} has more entries than one .NET array holds");
        MemoryBudget.Require(count * sizeof(double), $"{path}: the data ({string.Join("×", dims)})");
        long dataBytes = count * SizeOf(type);
        if (stream.CanSeek && stream.Length - stream.Position < dataBytes)
            throw Truncated(path, dims, type, dataBytes, stream.Length - stream.Position);
        return (dims, ReadValues(path, stream, dims, type, count));
    });

    /// <summary>Writes unsigned bytes (type 0x08), as MNIST images and labels are stored.</summary>
    public static void Write(string path, int[] dims, ReadOnlySpan<byte> values, CancellationToken cancellationToken = default)
    {
        CheckShape(dims, values.Length);
        byte[] data = values.ToArray();
        WriteEncoded(path, dims, IdxDataType.UnsignedByte, data, cancellationToken);
    }

    /// <summary>
    /// Writes values of the given type; for the integer types each value is rounded to the nearest integer and
    /// clamped to the type's range.
    /// </summary>
    public static void Write(string path, int[] dims, ReadOnlySpan<double> values, IdxDataType type, CancellationToken cancellationToken = default)
    {
        CheckShape(dims, values.Length);
        int size = SizeOf(type);
        var data = new byte[(long)values.Length * size];
        for (int k = 0; k < values.Length; k++) Encode(type, values[k], data.AsSpan(k * size, size));
        WriteEncoded(path, dims, type, data, cancellationToken);
    }

    internal static int SizeOf(IdxDataType type) => type switch
    {
        IdxDataType.UnsignedByte or IdxDataType.SignedByte => 1,
        IdxDataType.Short => 2,
        IdxDataType.Int or IdxDataType.Float => 4,
        IdxDataType.Double => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an IDX type"),
    };

    private static int[] ReadDimensions(string path, Stream stream, int ndims)
    {
        Span<byte> raw = stackalloc byte[4 * ndims];
        if (InputFile.ReadFully(stream, raw) < raw.Length)
            throw InputFile.Error(path, $"truncated: the IDX header announces {ndims} dimensions but ends before them");
        var dims = new int[ndims];
        for (int k = 0; k < ndims; k++)
        {
            dims[k] = BinaryPrimitives.ReadInt32BigEndian(raw[(4 * k)..]);
            if (dims[k] < 0) throw InputFile.Error(path, $"corrupt IDX header: dimension {k + 1} is {dims[k]}");
        }
        return dims;
    }

    private static double[] ReadValues(string path, Stream stream, int[] dims, IdxDataType type, long count)
    {
        int size = SizeOf(type);
        var values = new double[count];
        var buffer = new byte[ChunkElements * size];
        for (long start = 0; start < count; start += ChunkElements)
        {
            int n = (int)Math.Min(ChunkElements, count - start);
            int got = InputFile.ReadFully(stream, buffer.AsSpan(0, n * size));
            if (got < n * size) throw Truncated(path, dims, type, count * size, start * size + got);
            if (type == IdxDataType.UnsignedByte)
                for (int k = 0; k < n; k++) values[start + k] = buffer[k];
            else
                for (int k = 0; k < n; k++) values[start + k] = Decode(type, buffer.AsSpan(k * size, size));
        }
        return values;
    }

    private static double Decode(IdxDataType type, ReadOnlySpan<byte> b) => type switch
    {
        IdxDataType.UnsignedByte => b[0],
        IdxDataType.SignedByte => (sbyte)b[0],
        IdxDataType.Short => BinaryPrimitives.ReadInt16BigEndian(b),
        IdxDataType.Int => BinaryPrimitives.ReadInt32BigEndian(b),
        IdxDataType.Float => BinaryPrimitives.ReadSingleBigEndian(b),
        _ => BinaryPrimitives.ReadDoubleBigEndian(b),
    };

    private static void Encode(IdxDataType type, double v, Span<byte> b)
    {
        switch (type)
        {
            case IdxDataType.UnsignedByte: b[0] = (byte)Clamp(v, byte.MinValue, byte.MaxValue); break;
            case IdxDataType.SignedByte: b[0] = (byte)(sbyte)Clamp(v, sbyte.MinValue, sbyte.MaxValue); break;
            case IdxDataType.Short: BinaryPrimitives.WriteInt16BigEndian(b, (short)Clamp(v, short.MinValue, short.MaxValue)); break;
            case IdxDataType.Int: BinaryPrimitives.WriteInt32BigEndian(b, (int)Clamp(v, int.MinValue, int.MaxValue)); break;
            case IdxDataType.Float: BinaryPrimitives.WriteSingleBigEndian(b, (float)v); break;
            default: BinaryPrimitives.WriteDoubleBigEndian(b, v); break;
        }
    }

    private static double Clamp(double v, double min, double max) =>
        double.IsNaN(v) ? 0 : Math.Clamp(Math.Round(v, MidpointRounding.AwayFromZero), min, max);

    private static void WriteEncoded(string path, int[] dims, IdxDataType type, byte[] data, CancellationToken cancellationToken)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = (byte)type;
        header[3] = (byte)dims.Length;
        for (int k = 0; k < dims.Length; k++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * k), dims[k]);
        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, stream =>
        {
            if (!gzip)
            {
                stream.Write(header);
                stream.Write(data);
                return;
            }
            using var compressed = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
            compressed.Write(header);
            compressed.Write(data);
        }, cancellationToken);
    }

    private static void CheckShape(int[] dims, int length)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length is < 1 or > 255) throw new ArgumentException("an IDX file has 1 to 255 dimensions", nameof(dims));
        long count = 1;
        foreach (int d in dims)
        {
            if (d < 0) throw new ArgumentException("dimensions must be non-negative", nameof(dims));
            count *= d;
        }
        if (count != length) throw new ArgumentException($"dimensions {string.Join("×", dims)} need {count} values, got {length}", nameof(dims));
    }

    private static string NameOf(IdxDataType type) => type switch
    {
        IdxDataType.UnsignedByte => "unsigned byte",
        IdxDataType.SignedByte => "signed byte",
        IdxDataType.Short => "int16",
        IdxDataType.Int => "int32",
        IdxDataType.Float => "float32",
        _ => "float64",
    };

    private static InvalidInputException Truncated(string path, int[] dims, IdxDataType type, long expected, long actual) =>
        InputFile.Error(path, $"truncated: header says {string.Join("×", dims)} {NameOf(type)} values "
            + $"({expected:N0} bytes of data) but only {actual:N0} bytes follow");
}
