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
