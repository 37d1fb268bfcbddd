using System.Runtime.InteropServices;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;

namespace LowRank.Tests.Blocked;

/// <summary>
/// A resident float32 source of m rows whose every block is the same stored block B (a cheap matrix of any height; small
/// blocks stay in cache, so that a pass over billions of entries is quick).
/// </summary>
internal sealed class RepeatedBlockSource(int rows, Matrix block) : IRowBlockSource
{
    private readonly byte[] _block = MemoryMarshal.AsBytes(block.Transpose().Data.Select(v => (float)v).ToArray().AsSpan()).ToArray();

    public int Rows { get; } = rows;

    public int Cols { get; } = block.Cols;

    public BlockElementType ElementType => BlockElementType.Float32;

    public int ResidentBlockRows { get; } = block.Rows;

    public ReadOnlySpan<byte> ReadRows(long firstRow, int rowCount, Span<byte> buffer) =>
        _block.AsSpan(0, rowCount * Cols * sizeof(float));
}
