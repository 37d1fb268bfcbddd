namespace LowRank.Linalg.Blocked;

/// <summary>
/// A dense matrix held in memory as blocks of consecutive rows, each its own array: storage that is limited by memory,
/// not by the 2³¹ entries of one .NET array, and that keeps float32 data in float32. Read once from another source.
/// </summary>
public sealed class ResidentRowBlocks : IRowBlockSource
{
    private readonly byte[][] _blocks;

    private ResidentRowBlocks(int rows, int cols, BlockElementType elementType, int blockRows, byte[][] blocks)
    {
        Rows = rows;
        Cols = cols;
        ElementType = elementType;
        ResidentBlockRows = blockRows;
        _blocks = blocks;
    }

    /// <summary>
    /// Reads every row of <paramref name="source"/> into blocks of <paramref name="blockRows"/> rows (fewer when a block
    /// would exceed one array); <paramref name="cancellation"/> is checked between blocks.
    /// </summary>
    public static ResidentRowBlocks Load(IRowBlockSource source, int blockRows, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        long rowBytes = (long)source.Cols * (source.ElementType == BlockElementType.Float64 ? sizeof(double) : sizeof(float));
        blockRows = (int)Math.Max(1, Math.Min(blockRows, Array.MaxLength / Math.Max(1, rowBytes)));
        int count = source.Rows == 0 ? 0 : (int)((source.Rows + (long)blockRows - 1) / blockRows);
        var blocks = new byte[count][];
        for (int b = 0; b < count; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            long first = (long)b * blockRows;
            int rows = (int)Math.Min(blockRows, source.Rows - first);
            blocks[b] = GC.AllocateUninitializedArray<byte>((int)(rows * rowBytes));
            source.ReadRows(first, rows, blocks[b]);
        }
        return new ResidentRowBlocks(source.Rows, source.Cols, source.ElementType, blockRows, blocks);
    }

    public int Rows { get; }

    public int Cols { get; }

    public BlockElementType ElementType { get; }

    public int ResidentBlockRows { get; }

    /// <summary>The stored block that starts at <paramref name="firstRow"/> (a multiple of the block rows); the buffer is not used.</summary>
    public ReadOnlySpan<byte> ReadRows(long firstRow, int rowCount, Span<byte> buffer)
    {
        if (firstRow % ResidentBlockRows != 0 || rowCount != Math.Min(ResidentBlockRows, Rows - firstRow))
            throw new ArgumentException($"resident blocks hold {ResidentBlockRows} rows each; rows {firstRow}..{firstRow + rowCount} are not one block");
        return _blocks[firstRow / ResidentBlockRows];
    }
}
