using System.IO.Compression;
using System.Runtime.InteropServices;

namespace LowRank.IO;

/// <summary>
/// One array of an open .npz archive: its .npy header, its member's name, and a way to open its data, which is read on
/// demand straight into the typed result (in chunks, so a native-layout array is never held twice). The archive must
/// still be open. <paramref name="OpenData"/> returns a stream positioned at the first data byte.
/// </summary>
internal sealed record NpyArray(string Path, string Name, NpyHeader Header, string Member, Func<Stream> OpenData)
{
    /// <summary>The array held by an archive member: its data follows the member's .npy header.</summary>
    public static NpyArray InMember(string path, string name, NpyHeader header, ZipArchiveEntry entry) =>
        new(path, name, header, entry.FullName, () =>
        {
            Stream stream = entry.Open();
            NpyHeader.Read($"{path}: {entry.FullName}", stream, allowBytes: true);
            return stream;
        });

    /// <summary>An array whose data bytes are already in memory (a slice read from a member).</summary>
    public static NpyArray InMemory(string path, string name, NpyHeader header, string member, byte[] data) =>
        new(path, name, header, member, () => new MemoryStream(data, writable: false));

    /// <summary>Elements per chunk when decoding a non-native layout, and per read when copying a native one.</summary>
    private const int ChunkElements = 1 << 16;

    /// <summary>The number of elements (the product of the shape; 1 for a 0-d array; checked by the archive to fit one array).</summary>
    public long Length => Header.Shape.Aggregate(1L, (p, d) => p * d);

    /// <summary>"name.npy", the place an error about this array names.</summary>
    public string Place => $"{Name}.npy";

    /// <summary>The elements of a 1-D integer array (any integer width, either byte order).</summary>
    public long[] Integers()
    {
        RequireIntegers();
        var result = new long[Length];
        Read<long>(result, Header.DType is { Kind: 'i', Size: 8 }, (bytes, target) =>
        {
            int size = Header.DType.Size;
            for (int k = 0; k < target.Length; k++) target[k] = (long)Header.DType.Decode(bytes.Slice(k * size, size));
        });
        return result;
    }

    /// <summary>
    /// The elements of a 1-D integer array as 32-bit integers (scipy's index dtype while the indices fit), read without
    /// a 64-bit copy; an element outside the 32-bit range is refused with its position.
    /// </summary>
    public int[] Int32s()
    {
        RequireIntegers();
        var result = new int[Length];
        long first = 0;
        Read<int>(result, Header.DType is { Kind: 'i', Size: 4 }, (bytes, target) =>
        {
            int size = Header.DType.Size;
            for (int k = 0; k < target.Length; k++)
            {
                double value = Header.DType.Decode(bytes.Slice(k * size, size));
                if (value is < int.MinValue or > int.MaxValue)
                    throw InputFile.Error(Path, $"{Place}: entry {first + k} is {value}, outside the 32-bit index range");
                target[k] = (int)value;
            }
            first += target.Length;
        });
        return result;
    }

    /// <summary>The elements of a 1-D numeric array as doubles (floats, integers or bool).</summary>
    public double[] Doubles()
    {
        RequireOneDimensional();
        if (Header.DType.Kind == 'S') throw InputFile.Error(Path, $"{Place}: holds bytes, not numbers");
        var result = new double[Length];
        Read<double>(result, Header.DType is { Kind: 'f', Size: 8 }, (bytes, target) =>
        {
            int size = Header.DType.Size;
            for (int k = 0; k < target.Length; k++) target[k] = Header.DType.Decode(bytes.Slice(k * size, size));
        });
        return result;
    }

    /// <summary>The text of a 0-d (or one-element) bytes array, such as scipy's <c>format</c> b'csr'.</summary>
    public string Text()
    {
        if (Header.DType.Kind != 'S' || Length != 1)
            throw InputFile.Error(Path, $"{Place}: expected a bytes string such as b'csr', found {Describe()}");
        var bytes = new byte[Header.DType.Size];
        using Stream stream = OpenData();
        if (InputFile.ReadFully(stream, bytes) < bytes.Length) throw Truncated();
        return System.Text.Encoding.ASCII.GetString(bytes).TrimEnd('\0');
    }

    /// <summary>"int32 array of shape (3,)".</summary>
    public string Describe() => $"{Header.DType.Name} array of shape ({string.Join(", ", Header.Shape)}{(Header.Shape.Length == 1 ? "," : "")})";

    /// <summary>
    /// Fills <paramref name="result"/> from the member's data: a straight copy into its bytes when the element type is
    /// <typeparamref name="T"/> in this machine's byte order (<paramref name="native"/>), else chunk by chunk through
    /// <paramref name="decode"/> (raw bytes of a chunk → its elements).
    /// </summary>
    private void Read<T>(T[] result, bool native, DecodeChunk<T> decode) where T : struct
    {
        using Stream stream = OpenData();
        if (native && BitConverter.IsLittleEndian && !Header.DType.BigEndian)
        {
            for (long start = 0; start < result.LongLength; start += ChunkElements)
            {
                var chunk = MemoryMarshal.AsBytes(result.AsSpan((int)start, (int)Math.Min(ChunkElements, result.LongLength - start)));
                if (InputFile.ReadFully(stream, chunk) < chunk.Length) throw Truncated();
            }
            return;
        }
        int size = Header.DType.Size;
        var buffer = new byte[ChunkElements * size];
        for (long start = 0; start < result.LongLength; start += ChunkElements)
        {
            int count = (int)Math.Min(ChunkElements, result.LongLength - start);
            var bytes = buffer.AsSpan(0, count * size);
            if (InputFile.ReadFully(stream, bytes) < bytes.Length) throw Truncated();
            decode(bytes, result.AsSpan((int)start, count));
        }
    }

    private delegate void DecodeChunk<T>(ReadOnlySpan<byte> bytes, Span<T> target);

    private InvalidInputException Truncated() =>
        InputFile.Error(Path, $"{Member}: truncated: {Length * Header.DType.Size:N0} bytes of data announced, fewer present");

    private void RequireIntegers()
    {
        RequireOneDimensional();
        if (Header.DType.Kind is not ('i' or 'u'))
            throw InputFile.Error(Path, $"{Place}: holds {Header.DType.Name}, not integers");
    }

    private void RequireOneDimensional()
    {
        if (Header.Shape.Length != 1) throw InputFile.Error(Path, $"{Place}: expected a 1-D array, found a {Describe()}");
    }
}
