namespace LowRank.Linalg.Blocked;

/// <summary>Rows of a low-rank product Y·Zᵀ formed a block at a time, for writing A_k without holding it.</summary>
public static class FactorRows
{
    /// <summary>
    /// Rows [first, first + count) of Y·Zᵀ (Y m×k, Z n×k), row-major, into <paramref name="rowMajor"/> (count·n entries):
    /// the n×count column-major block Z·Y_iᵀ, one gemm.
    /// </summary>
    public static void Fill(Matrix y, Matrix z, int first, int count, Span<double> rowMajor, ILinalgBackend backend)
    {
        int n = z.Rows, k = z.Cols, m = y.Rows;
        if (y.Cols != k) throw new ArgumentException($"Y has {y.Cols} columns but Z has {k}");
        if (first < 0 || count < 0 || first + count > m) throw new ArgumentOutOfRangeException(nameof(count), $"rows {first}..{first + count} outside 0..{m}");
        if (count == 0) return;
        backend.Gemm(false, true, n, count, k, 1.0, z.Data, n, y.Data.AsSpan(first), m, 0.0, rowMajor, n);
    }
}
