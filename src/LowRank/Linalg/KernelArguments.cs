namespace LowRank.Linalg;

/// <summary>
/// The argument checks both backends run before a kernel touches memory: a native BLAS/LAPACK routine given a short
/// buffer or a leading dimension smaller than the rows reads or writes past the end (silently corrupting memory), so
/// every shape mismatch is an <see cref="ArgumentException"/> here first. The rules are the reference BLAS's
/// (dgemm's LDA ≥ max(1, rows of the stored A)) plus the buffer length a column-major block needs. The managed
/// backend runs the same checks, so both backends reject the same calls.
/// </summary>
internal static class KernelArguments
{
    /// <summary>Checks C ← α·op(A)·op(B) + β·C with op(A) m×k, op(B) k×n, C m×n (BLAS ?gemm's rules).</summary>
    public static void Gemm(bool transA, bool transB, int m, int n, int k, int aLength, int lda, int bLength, int ldb,
        int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"gemm dimensions must be non-negative, got m={m}, n={n}, k={k}");
        Block("A", transA ? k : m, transA ? m : k, aLength, lda);
        Block("B", transB ? n : k, transB ? k : n, bLength, ldb);
        Block("C", m, n, cLength, ldc);
    }

    /// <summary>Checks Y ← Y·R⁻¹ for an upper-triangular R: R must be square with as many rows as Y has columns.</summary>
    public static void SolveUpperTriangularRight(Matrix r, Matrix y)
    {
        if (r.Rows != r.Cols || r.Rows != y.Cols)
            throw new ArgumentException($"Y·R⁻¹ needs a square R with as many rows as Y has columns, got R {r.Rows}×{r.Cols} and Y {y.Rows}×{y.Cols}");
    }

    /// <summary>
    /// A LAPACK workspace size from its query (returned as a double in WORK(1)) as the int the routine takes:
    /// at least 1, and an <see cref="ArgumentException"/> rather than a wrapped-around size when it exceeds int.
    /// </summary>
    public static int Workspace(string routine, double query)
    {
        if (!(query <= int.MaxValue))
            throw new ArgumentException($"{routine} asks for a workspace of {query:G} doubles, more than a LAPACK int can address");
        return Math.Max(1, (int)Math.Ceiling(query));
    }

    /// <summary>
    /// A stored rows×cols column-major block with leading dimension ld: ld ≥ max(1, rows) (an empty block of 0 rows
    /// may say ld = 0, as <see cref="Matrix.Rows"/> does; the backends pass 1 on), and a buffer of at least
    /// ld·(cols − 1) + rows entries.
    /// </summary>
    private static void Block(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, rows) && !(rows == 0 && ld == 0))
            throw new ArgumentException($"leading dimension of {name} is {ld}, must be at least max(1, {rows}) for a {rows}×{cols} block");
        long needed = rows == 0 || cols == 0 ? 0 : (long)ld * (cols - 1) + rows;
        if (length < needed)
            throw new ArgumentException($"{name} has {length} entries, a {rows}×{cols} block with leading dimension {ld} needs {needed}");
    }
}
