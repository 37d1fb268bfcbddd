using System.Runtime.InteropServices;

namespace LowRank.IO;

/// <summary>One array of a .npz archive, as its .npy header and raw data bytes.</summary>
internal sealed record NpyArray(string Path, string Name, NpyHeader Header, byte[] Data)
{
    /// <summary>The number of elements (the product of the shape; 1 for a 0-d array).</summary>
    public long Length => Header.Shape.Aggregate(1L, (p, d) => p * d);

    /// <summary>"file: name.npy", the place an error about this array names.</summary>
    public string Place => $"{Name}.npy";

    /// <summary>The elements of a 1-D integer array (any integer width, either byte order).</summary>
    public long[] Integers()
    {
        RequireOneDimensional();
        if (Header.DType.Kind is not ('i' or 'u'))
            throw InputFile.Error(Path, $"{Place}: holds {Header.DType.Name}, not integers");
        var result = new long[Length];
        if (BitConverter.IsLittleEndian && Header.DType is { Kind: 'i', BigEndian: false, Size: 4 or 8 } d)
        {
            // scipy's own index dtypes: a straight copy, not an element-by-element decode.
            if (d.Size == 8) MemoryMarshal.Cast<byte, long>(Data).CopyTo(result);
            else
            {
                ReadOnlySpan<int> narrow = MemoryMarshal.Cast<byte, int>(Data);
                for (int k = 0; k < narrow.Length; k++) result[k] = narrow[k];
            }
            return result;
        }
        int size = Header.DType.Size;
        for (long k = 0; k < result.LongLength; k++) result[k] = (long)Header.DType.Decode(Data.AsSpan((int)(k * size), size));
        return result;
    }

    /// <summary>The elements of a 1-D numeric array as doubles (floats, integers or bool).</summary>
    public double[] Doubles()
    {
        RequireOneDimensional();
        if (Header.DType.Kind == 'S') throw InputFile.Error(Path, $"{Place}: holds bytes, not numbers");
        var result = new double[Length];
        if (BitConverter.IsLittleEndian && Header.DType is { Kind: 'f', BigEndian: false, Size: 8 })
        {
            MemoryMarshal.Cast<byte, double>(Data).CopyTo(result);
            return result;
        }
        int size = Header.DType.Size;
        for (long k = 0; k < result.LongLength; k++) result[k] = Header.DType.Decode(Data.AsSpan((int)(k * size), size));
        return result;
    }

    /// <summary>The text of a 0-d (or one-element) bytes array, such as scipy's <c>format</c> b'csr'.</summary>
    public string Text()
    {
        if (Header.DType.Kind != 'S' || Length != 1)
            throw InputFile.Error(Path, $"{Place}: expected a bytes string such as b'csr', found {Describe()}");
        return System.Text.Encoding.ASCII.GetString(Data).TrimEnd('\0');
    }

    /// <summary>"int32 array of shape (3,)".</summary>
    public string Describe() => $"{Header.DType.Name} array of shape ({string.Join(", ", Header.Shape)}{(Header.Shape.Length == 1 ? "," : "")})";

    private void RequireOneDimensional()
    {
        if (Header.Shape.Length != 1) throw InputFile.Error(Path, $"{Place}: expected a 1-D array, found a {Describe()}");
    }
}
