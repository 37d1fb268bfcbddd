namespace LowRank.Linalg.Blocked;

/// <summary>
/// Where the rows of a dense m×n matrix come from, a block of consecutive rows at a time: a file read block by block, or
/// blocks already held in memory. Rows are stored row-major (C order, as numpy writes by default) in
/// <see cref="ElementType"/>, little-endian, so that a block of r rows is an n×r column-major block for gemm as it lies.
/// </summary>
public interface IRowBlockSource
{
    /// <summary>m.</summary>
    int Rows { get; }

    /// <summary>n.</summary>
    int Cols { get; }

    /// <summary>float64 or float32.</summary>
    BlockElementType ElementType { get; }

    /// <summary>
    /// Rows per block when the blocks are already in memory (<see cref="RowBlockOperator"/> then asks for exactly these
    /// blocks and reads nothing ahead); 0 for a source that reads them (from a file) into the caller's buffer.
    /// </summary>
    int ResidentBlockRows { get; }

    /// <summary>
    /// Rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rowCount"/>) as rowCount · n
    /// elements, row-major: read into <paramref name="buffer"/> and returned as its prefix, or (resident blocks) the
    /// stored block itself. A reading source may be called from another thread than the one computing, one block at a time.
    /// </summary>
    ReadOnlySpan<byte> ReadRows(long firstRow, int rowCount, Span<byte> buffer);
}
