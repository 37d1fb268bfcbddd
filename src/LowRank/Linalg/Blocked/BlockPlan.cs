namespace LowRank.Linalg.Blocked;

/// <summary>
/// How a dense m×n matrix is held under a memory budget: all its blocks in memory (<see cref="Resident"/>), or read from
/// the file <see cref="BlockRows"/> rows at a time into two buffers (out of core). The budget covers the matrix or the
/// buffers, plus the sketch the algorithm keeps (<paramref name="SketchBytes"/>); the runtime's own memory (about
/// 100 MB) is not in it.
/// </summary>
/// <param name="Resident">Whether the whole matrix fits in the budget next to the sketch.</param>
/// <param name="BlockRows">Rows per block (per read when out of core).</param>
/// <param name="BudgetBytes">The budget the plan keeps.</param>
/// <param name="SketchBytes">What the algorithm keeps besides the matrix.</param>
public sealed record BlockPlan(bool Resident, int BlockRows, long BudgetBytes, long SketchBytes)
{
    /// <summary>Largest read buffer (each of two) out of core: larger blocks do not make gemm faster, only the peak higher.</summary>
    public const long MaxBufferBytes = 64L << 20;

    /// <summary>Rows per block of matrices held in memory (each block its own array, so no 2³¹-entry limit).</summary>
    public const long ResidentBlockBytes = 256L << 20;

    /// <summary>
    /// The plan for an m×n matrix of <paramref name="elementSize"/>-byte entries multiplied with blocks of
    /// <paramref name="vectors"/> vectors, when the algorithm keeps <paramref name="sketchBytes"/> and converting a row
    /// on reading needs <paramref name="conversionBytesPerRow"/> more. Throws <see cref="InvalidInputException"/> when
    /// even one row per block does not fit, saying the smallest budget that would.
    /// </summary>
    public static BlockPlan For(int rows, int cols, int elementSize, int vectors, long sketchBytes, long budgetBytes, long conversionBytesPerRow = 0)
    {
        long rowBytes = (long)cols * elementSize;
        long matrixBytes = rows * rowBytes;
        if (matrixBytes + sketchBytes + conversionBytesPerRow * Math.Min(rows, ResidentBlockBytes / Math.Max(1, rowBytes)) <= budgetBytes)
            return new BlockPlan(true, (int)Math.Clamp(ResidentBlockBytes / Math.Max(1, rowBytes), 1, Math.Max(1, rows)), budgetBytes, sketchBytes);
        long fixedBytes = sketchBytes + RowBlockOperator.BufferBytes(0, cols, elementSize, vectors);
        long perRow = RowBlockOperator.BufferBytes(1, cols, elementSize, vectors) - RowBlockOperator.BufferBytes(0, cols, elementSize, vectors) + conversionBytesPerRow;
        long minimum = fixedBytes + perRow;
        if (budgetBytes < minimum)
            throw new InvalidInputException($"a memory budget of {MemoryBudget.Format(budgetBytes)} is too small: one block of rows plus the sketch "
                + $"of a {rows:N0}×{cols:N0} matrix needs at least {MemoryBudget.Format(minimum)} ({MegabytesUp(minimum)}MB)", "MemoryBudget");
        long blockRows = Math.Min((budgetBytes - fixedBytes) / perRow, Math.Max(1, MaxBufferBytes / rowBytes));
        return new BlockPlan(false, (int)Math.Clamp(blockRows, 1, Math.Max(1, rows)), budgetBytes, sketchBytes);
    }

    private static long MegabytesUp(long bytes) => (bytes + (1L << 20) - 1) >> 20;
}
