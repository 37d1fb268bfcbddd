using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace LowRank.IO;

/// <summary>
/// A float64 or float32 .npy read front to back from any stream (a file, or standard input where nothing can be sought):
/// the header, then rows as they arrive, converted to float64. A C-order array streams its rows; a Fortran-order array
/// streams its columns (<see cref="RowStream.StoresTranspose"/>). Data that ends before the header's shape is refused as
/// truncated, naming the row.
/// </summary>
public sealed class NpyRowStream : RowStream
{
    private readonly Stream _stream;
    private readonly NpyDType _dtype;
    private readonly bool _transposed;
    private readonly long _rows;
    private readonly int _cols;
    private long _delivered;
    private long _bytes;
    private byte[] _raw = [];

    private NpyRowStream(string name, Stream stream, NpyHeader header, long headerBytes)
    {
        Name = name;
        _stream = stream;
        _dtype = header.DType;
        _transposed = header.FortranOrder;
        long rows = header.Shape[0], cols = header.Shape[1];
        if (rows > int.MaxValue || cols > int.MaxValue)
            throw InputFile.Error(name, $"the shape in the header ({rows}×{cols}) overflows: more than {int.MaxValue:N0} rows or columns");
        _rows = _transposed ? cols : rows;
        _cols = (int)(_transposed ? rows : cols);
        _bytes = headerBytes;
    }

    /// <summary>
    /// Reads the header from <paramref name="stream"/> (which this object then owns) and checks it is a 2-D float64 or
    /// float32 array; <paramref name="name"/> names the input in messages ("-" is standard input).
    /// </summary>
    public static NpyRowStream Open(string name, Stream stream)
    {
        try
        {
            var counting = new CountingStream(stream, ownsInner: false);
            var header = NpyHeader.Read(name, counting);
            if (header.DType.Kind != 'f' || header.DType.Size is not (4 or 8))
                throw InputFile.Error(name, $"holds {header.DType.Name}; reading by rows needs float64 or float32");
            if (header.Shape.Length != 2)
                throw InputFile.Error(name, $"a {header.Shape.Length}-D array is not a matrix");
            return new NpyRowStream(name, stream, header, counting.Count);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override string Name { get; }

    public override int Cols => _cols;

    public override long? Rows => _rows;

    public override bool StoresTranspose => _transposed;

    public override long BytesRead => _bytes;

    public override int Read(Span<double> target, int maxRows)
    {
        int rows = (int)Math.Min(maxRows, _rows - _delivered);
        if (rows <= 0) return 0;
        int size = _dtype.Size, bytes = checked(rows * _cols * size);
        if (_raw.Length < bytes) _raw = GC.AllocateUninitializedArray<byte>(bytes);
        int got = InputFile.Guard(Name, () => InputFile.ReadFully(_stream, _raw.AsSpan(0, bytes)));
        _bytes += got;
        if (got < bytes)
            throw InputFile.Error(Name, $"truncated: the header says {(_transposed ? $"{_cols}×{_rows}" : $"{_rows}×{_cols}")} {_dtype.Name} "
                + $"but the data ends in {(_transposed ? "column" : "row")} {_delivered + got / ((long)_cols * size):N0}");
        var raw = _raw.AsSpan(0, bytes);
        var values = target[..(rows * _cols)];
        if (size == 8)
        {
            if (_dtype.BigEndian) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, long>(raw), MemoryMarshal.Cast<byte, long>(raw));
            MemoryMarshal.Cast<byte, double>(raw).CopyTo(values);
        }
        else
        {
            if (_dtype.BigEndian) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(raw), MemoryMarshal.Cast<byte, int>(raw));
            var floats = MemoryMarshal.Cast<byte, float>(raw);
            for (int k = 0; k < floats.Length; k++) values[k] = floats[k];
        }
        for (int k = 0; k < values.Length; k++)
            if (!double.IsFinite(values[k]))
                throw InputFile.Error(Name, $"{(_transposed ? "column" : "row")} {_delivered + k / _cols:N0}, {(_transposed ? "row" : "column")} {k % _cols:N0} is {values[k]}; a matrix read by blocks needs finite values");
        _delivered += rows;
        return rows;
    }

    public override void Dispose()
    {
        _stream.Dispose();
        base.Dispose();
    }
}
