namespace LowRank.Linalg.Blocked;

/// <summary>
/// Rows [<paramref name="start"/>, start + <paramref name="count"/>) of a reading source, as a source of their own
/// (row 0 is the source's row <paramref name="start"/>): the block of rows one process of a distributed run holds.
/// </summary>
public sealed class RowRangeSource(IRowBlockSource source, long start, int count) : IRowBlockSource
{
    private readonly IRowBlockSource _source = source.ResidentBlockRows == 0
        ? source
        : throw new ArgumentException("a row range is taken of a source that reads its rows, not of resident blocks", nameof(source));

    private readonly long _start = start >= 0 && count >= 0 && start + count <= source.Rows
        ? start
        : throw new ArgumentOutOfRangeException(nameof(start), $"rows {start}..{start + count - 1} are outside the {source.Rows} rows of the source");

    public int Rows { get; } = count;

    public int Cols => _source.Cols;

    public BlockElementType ElementType => _source.ElementType;

    public int ResidentBlockRows => 0;

    public ReadOnlySpan<byte> ReadRows(long firstRow, int rowCount, Span<byte> buffer)
    {
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > Rows)
            throw new ArgumentOutOfRangeException(nameof(firstRow), $"rows {firstRow}..{firstRow + rowCount - 1} are outside the {Rows} rows of the range");
        return _source.ReadRows(_start + firstRow, rowCount, buffer);
    }
}
