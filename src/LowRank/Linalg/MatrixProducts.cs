namespace LowRank.Linalg;

/// <summary>Whole-matrix products on top of a backend's gemm.</summary>
public static class MatrixProducts
{
    /// <summary>op(A)·op(B), where op transposes when asked.</summary>
    public static Matrix Multiply(this ILinalgBackend backend, Matrix a, Matrix b, bool transA = false, bool transB = false)
    {
        int m = transA ? a.Cols : a.Rows, k = transA ? a.Rows : a.Cols;
        int kb = transB ? b.Cols : b.Rows, n = transB ? b.Rows : b.Cols;
        if (k != kb) throw new ArgumentException($"inner dimensions differ: {m}×{k} times {kb}×{n}");
        var c = new Matrix(m, n);
        backend.Gemm(transA, transB, m, n, k, 1.0, a.Data, a.Rows, b.Data, b.Rows, 0.0, c.Data, m);
        return c;
    }
}
