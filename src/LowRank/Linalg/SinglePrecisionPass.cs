using System.Buffers;
using System.Numerics;

namespace LowRank.Linalg;

/// <summary>
/// One pass of <see cref="IMixedPrecisionProducts.MultiplyThenTransposedInSingle"/> over float64 rows handed to it in
/// order: each chunk of <see cref="ChunkBytes"/> is rounded into one reusable float32 buffer and, while that buffer is
/// still in cache, multiplied twice — Y_c = A_c·X (sgemm) and W += A_cᵀ·Y_c (sgemm, or dgemm on the float64 rows for
/// the last pass). The matrix is read from memory once per pass, in float64, and never copied whole; W is accumulated in
/// float32 over at most <see cref="FlushRows"/> rows and then added into the float64 W. On request the rounding also
/// sums the squares of the float64 entries it reads (<see cref="SumOfSquares"/>), so that a caller's ‖A‖_F² costs no
/// second read of the rows. Its float32 buffers are rented from the shared pool and returned by <see cref="Finish"/>:
/// new ones every pass would be faulted in page by page (docs/benchmarks.md, "Fresh pages and gemm shapes").
/// </summary>
internal sealed class SinglePrecisionPass
{
    /// <summary>
    /// The float32 chunk: 4 MB (256 rows of 4,000) stays in a 32 MB L3 next to X and W, and is large enough that the
    /// sgemm of a chunk runs at its full rate.
    /// </summary>
    public const long ChunkBytes = 4L << 20;

    /// <summary>Rows whose A_cᵀ·Y_c are summed in float32 before they are added into the float64 W.</summary>
    public const int FlushRows = 8192;

    private readonly ILinalgBackend _backend;
    private readonly Matrix _y, _w;
    private readonly bool _transposedInDouble, _sumSquares;
    private readonly int _n, _b, _chunkRows;
    private float[]? _x, _a, _yc, _wSingle;
    private int _unflushedRows;
    private double _squares;

    /// <summary>
    /// A pass with X (n×b) into Y (m×b, overwritten) and W (n×b, added to); with <paramref name="sumSquares"/> it also
    /// sums the squares of the rows it is handed.
    /// </summary>
    public SinglePrecisionPass(Matrix x, Matrix y, Matrix w, bool transposedInDouble, ILinalgBackend backend, bool sumSquares = false)
    {
        _sumSquares = sumSquares;
        _backend = backend;
        _y = y;
        _w = w;
        _transposedInDouble = transposedInDouble;
        _n = x.Rows;
        _b = x.Cols;
        _chunkRows = (int)Math.Clamp(ChunkBytes / (sizeof(float) * Math.Max(1L, _n)), 1, Math.Max(1, y.Rows));
        var pool = ArrayPool<float>.Shared;
        _x = pool.Rent(x.Data.Length);
        Round(x.Data, _x, sumSquares: false);
        _a = pool.Rent(_chunkRows * _n);
        _yc = pool.Rent(_chunkRows * _b);
        if (!transposedInDouble)
        {
            _wSingle = pool.Rent(_n * _b);
            Array.Clear(_wSingle, 0, _n * _b);
        }
    }

    /// <summary>
    /// Rows [<paramref name="first"/>, first + <paramref name="count"/>) of A: row-major in <paramref name="rows"/>
    /// (element (i, j) at i·n + j), or column-major with leading dimension <paramref name="ld"/> (at i + j·ld).
    /// </summary>
    public void AddRows(int first, int count, ReadOnlySpan<double> rows, bool rowMajor, int ld)
    {
        if (_x is null || _a is null || _yc is null) throw new InvalidOperationException("the pass has finished: its buffers are back in the pool");
        int n = _n, b = _b, m = _y.Rows;
        for (int r = 0; r < count; r += _chunkRows)
        {
            int c = Math.Min(_chunkRows, count - r);
            int lda = rowMajor ? n : c;
            _squares += rowMajor ? Round(rows.Slice(r * n, c * n), _a, _sumSquares) : RoundColumns(rows[r..], ld, c, n, _a, _sumSquares);
            _backend.Gemm(rowMajor, false, c, b, n, 1f, _a, lda, _x, n, 0f, _yc, c);
            var y = _y.Data;
            for (int col = 0; col < b; col++)
            {
                int target = first + r + col * m, source = col * c;
                for (int i = 0; i < c; i++) y[target + i] = _yc[source + i];
            }
            if (_transposedInDouble)
                _backend.Gemm(!rowMajor, false, n, b, c, 1.0, rowMajor ? rows[(r * n)..] : rows[r..], ld, _y.Data.AsSpan(first + r), m, 1.0, _w.Data, n);
            else
            {
                _backend.Gemm(!rowMajor, false, n, b, c, 1f, _a, lda, _yc, c, 1f, _wSingle!, n);
                if ((_unflushedRows += c) >= FlushRows) Flush();
            }
        }
    }

    /// <summary>Σ a_ij² over every row handed to <see cref="AddRows"/> (in float64), when the pass was asked to sum squares; 0 otherwise.</summary>
    public double SumOfSquares => _squares;

    /// <summary>Adds what is still summed in float32 into W and returns the buffers to the pool; call once after the last rows.</summary>
    public void Finish()
    {
        Flush();
        foreach (var buffer in (float[]?[])[_x, _a, _yc, _wSingle])
            if (buffer is not null) ArrayPool<float>.Shared.Return(buffer);
        _x = _a = _yc = _wSingle = null;
    }

    private void Flush()
    {
        if (_wSingle is null || _unflushedRows == 0) return;
        var w = _w.Data;
        for (int k = 0; k < w.Length; k++) w[k] += _wSingle[k];
        Array.Clear(_wSingle, 0, w.Length);
        _unflushedRows = 0;
    }

    /// <summary>Columns that <see cref="RoundColumns"/> reads in lock step.</summary>
    internal const int LockStepColumns = 4;

    /// <summary>
    /// <see cref="Round"/> of rows [0, c) of a column-major stretch (leading dimension <paramref name="ld"/>) into the
    /// column-major c×n <paramref name="target"/>: <see cref="LockStepColumns"/> columns at a time, two vectors of each in
    /// turn, so that several strided streams are in flight instead of one short one after another. On one thread, on
    /// 12,500 rows of 4,000 in 4 MB chunks (segments of 262 entries), 0.14–0.20 s against 0.21–0.26 s column by column
    /// (docs/benchmarks.md); the float32 numbers are the same.
    /// </summary>
    internal static double RoundColumns(ReadOnlySpan<double> rows, int ld, int c, int n, Span<float> target, bool sumSquares)
    {
        double sum = 0;
        int width = Vector<double>.Count;
        var squares = Vector<double>.Zero;
        for (int first = 0; first < n; first += LockStepColumns)
        {
            int last = Math.Min(n, first + LockStepColumns), i = 0;
            if (Vector.IsHardwareAccelerated)
                for (; i + 2 * width <= c; i += 2 * width)
                    for (int j = first; j < last; j++)
                    {
                        var source = rows.Slice(i + j * ld, 2 * width);
                        var low = new Vector<double>(source);
                        var high = new Vector<double>(source[width..]);
                        Vector.Narrow(low, high).CopyTo(target[(i + j * c)..]);
                        if (sumSquares) squares += low * low + high * high;
                    }
            for (int j = first; j < last; j++) sum += Round(rows.Slice(i + j * ld, c - i), target.Slice(i + j * c, c - i), sumSquares);
        }
        return sum + Vector.Sum(squares);
    }

    /// <summary>
    /// fl₃₂: float64 to the nearest float32, two vectors at a time; with <paramref name="sumSquares"/> returns Σ source²
    /// (two vector partial sums, added while the entries are in registers), else 0.
    /// </summary>
    internal static double Round(ReadOnlySpan<double> source, Span<float> target, bool sumSquares)
    {
        int i = 0, width = Vector<double>.Count;
        var low = Vector<double>.Zero;
        var high = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
            for (; i + 2 * width <= source.Length; i += 2 * width)
            {
                var first = new Vector<double>(source[i..]);
                var second = new Vector<double>(source[(i + width)..]);
                Vector.Narrow(first, second).CopyTo(target[i..]);
                if (sumSquares)
                {
                    low += first * first;
                    high += second * second;
                }
            }
        double sum = Vector.Sum(low + high);
        for (; i < source.Length; i++)
        {
            target[i] = (float)source[i];
            if (sumSquares) sum += source[i] * source[i];
        }
        return sum;
    }
}
