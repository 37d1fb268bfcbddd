namespace LowRank.Distributed;

/// <summary>
/// The rows [Start, Start + Count) of an m-row matrix held by one process: the balanced block partition, in which
/// process r of P holds rows ⌊r·m/P⌋ .. ⌊(r+1)·m/P⌋ − 1 (counts differ by at most one; a process may hold none).
/// </summary>
public readonly record struct RowBlock(int Start, int Count)
{
    /// <summary>The block of process <paramref name="rank"/> of <paramref name="size"/> for a matrix of <paramref name="rows"/> rows.</summary>
    public static RowBlock For(int rows, int rank, int size)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "a row count cannot be negative");
        if (size < 1 || rank < 0 || rank >= size) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in 0..{size - 1}");
        long start = (long)rows * rank / size, end = (long)rows * (rank + 1) / size;
        return new RowBlock((int)start, (int)(end - start));
    }

    /// <summary>One past the last row.</summary>
    public int End => Start + Count;
}
