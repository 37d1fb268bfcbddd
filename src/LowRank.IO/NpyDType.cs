using System.Buffers.Binary;

namespace LowRank.IO;

/// <summary>A numeric numpy dtype as written in a .npy header ('&lt;f8', '|u1', '&gt;i4', ...).</summary>
internal readonly record struct NpyDType(char Kind, int Size, bool BigEndian)
{
    /// <summary>The numpy name: float64, int32, uint8, bool, ...</summary>
    public string Name => Kind switch
    {
        'f' => $"float{Size * 8}",
        'i' => $"int{Size * 8}",
        'u' => $"uint{Size * 8}",
        'S' => $"bytes{Size}",
        _ => "bool",
    };

    /// <summary>Parses a descr string; refuses non-numeric and unsupported dtypes with a message naming the file.</summary>
    public static NpyDType Parse(string path, string descr)
    {
        string d = descr.Trim();
        bool bigEndian = d.Length > 0 && d[0] == '>';
        if (d.Length > 0 && d[0] is '<' or '>' or '|' or '=') d = d[1..];
        char kind = d.Length > 0 ? d[0] : '?';
        int.TryParse(d.AsSpan(d.Length > 0 ? 1 : 0), out int size);
        bool supported = kind switch
        {
            'f' => size is 2 or 4 or 8,
            'i' or 'u' => size is 1 or 2 or 4 or 8,
            'b' => size == 1,
            _ => false,
        };
        if (supported) return new NpyDType(kind, size, bigEndian && size > 1);
        string what = kind switch
        {
            'O' => "object arrays are not supported",
            'c' => "complex arrays are not supported",
            'U' or 'S' or 'a' => "string arrays are not supported",
            _ => $"dtype '{descr}' is not supported",
        };
        throw InputFile.Error(path, $"{what}; save a numeric array (float64, float32, integers)");
    }

    /// <summary>Decodes one element.</summary>
    public double Decode(ReadOnlySpan<byte> b) => (Kind, Size, BigEndian) switch
    {
        ('f', 8, false) => BinaryPrimitives.ReadDoubleLittleEndian(b),
        ('f', 8, true) => BinaryPrimitives.ReadDoubleBigEndian(b),
        ('f', 4, false) => BinaryPrimitives.ReadSingleLittleEndian(b),
        ('f', 4, true) => BinaryPrimitives.ReadSingleBigEndian(b),
        ('f', 2, false) => (double)BinaryPrimitives.ReadHalfLittleEndian(b),
        ('f', 2, true) => (double)BinaryPrimitives.ReadHalfBigEndian(b),
        ('i', 1, _) => (sbyte)b[0],
        ('u', 1, _) or ('b', 1, _) => b[0],
        ('i', 2, false) => BinaryPrimitives.ReadInt16LittleEndian(b),
        ('i', 2, true) => BinaryPrimitives.ReadInt16BigEndian(b),
        ('u', 2, false) => BinaryPrimitives.ReadUInt16LittleEndian(b),
        ('u', 2, true) => BinaryPrimitives.ReadUInt16BigEndian(b),
        ('i', 4, false) => BinaryPrimitives.ReadInt32LittleEndian(b),
        ('i', 4, true) => BinaryPrimitives.ReadInt32BigEndian(b),
        ('u', 4, false) => BinaryPrimitives.ReadUInt32LittleEndian(b),
        ('u', 4, true) => BinaryPrimitives.ReadUInt32BigEndian(b),
        ('i', 8, false) => BinaryPrimitives.ReadInt64LittleEndian(b),
        ('i', 8, true) => BinaryPrimitives.ReadInt64BigEndian(b),
        ('u', 8, false) => BinaryPrimitives.ReadUInt64LittleEndian(b),
        _ => BinaryPrimitives.ReadUInt64BigEndian(b),
    };
}
