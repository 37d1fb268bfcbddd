using System.Runtime.InteropServices;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;

namespace LowRank.Tests.Blocked;

/// <summary>A test <see cref="IRowBlockSource"/> that "reads" rows out of a row-major copy of a matrix, as a file source would.</summary>
internal sealed class RowMajorSource : IRowBlockSource
{
    private readonly byte[] _rows;

    public RowMajorSource(Matrix a, BlockElementType elementType = BlockElementType.Float64)
    {
        Rows = a.Rows;
        Cols = a.Cols;
        ElementType = elementType;
        var t = a.Transpose(); // column-major Aᵀ = row-major A
        _rows = elementType == BlockElementType.Float64
            ? MemoryMarshal.AsBytes(t.Data.AsSpan()).ToArray()
            : MemoryMarshal.AsBytes(t.Data.Select(v => (float)v).ToArray().AsSpan()).ToArray();
    }

    public int Rows { get; }

    public int Cols { get; }

    public BlockElementType ElementType { get; }

    public int ResidentBlockRows => 0;

    /// <summary>Reads of blocks so far.</summary>
    public int Reads { get; private set; }

    public ReadOnlySpan<byte> ReadRows(long firstRow, int rowCount, Span<byte> buffer)
    {
        Reads++;
        int rowBytes = _rows.Length / Math.Max(1, Rows);
        _rows.AsSpan((int)(firstRow * rowBytes), rowCount * rowBytes).CopyTo(buffer);
        return buffer[..(rowCount * rowBytes)];
    }
}
