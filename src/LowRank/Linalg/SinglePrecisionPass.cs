using System.Numerics;

namespace LowRank.Linalg;

/// <summary>
/// One pass of <see cref="IMixedPrecisionProducts.MultiplyThenTransposedInSingle"/> over float64 rows handed to it in
/// order: each chunk of <see cref="ChunkBytes"/> is rounded into one reusable float32 buffer (by as many threads as the
/// backend's kernels use: each rounds its share of the chunk's rows, or of its columns when the rows are column-major,
/// so the buffer holds the same numbers whichever thread rounded them) and, while that buffer is still in cache,
/// multiplied twice — Y_c = A_c·X (sgemm) and W += A_cᵀ·Y_c (sgemm, or dgemm on the float64 rows for
/// the last pass). The matrix is read from memory once per pass, in float64, and never copied whole; W is accumulated in
/// float32 over at most <see cref="FlushRows"/> rows and then added into the float64 W.
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
    private readonly bool _transposedInDouble;
    private readonly int _n, _b, _chunkRows, _roundingThreads;
    private readonly float[] _x, _a, _yc;
    private readonly float[]? _wSingle;
    private int _unflushedRows;

    /// <summary>A pass with X (n×b) into Y (m×b, overwritten) and W (n×b, added to).</summary>
    public SinglePrecisionPass(Matrix x, Matrix y, Matrix w, bool transposedInDouble, ILinalgBackend backend)
    {
        _backend = backend;
        _y = y;
        _w = w;
        _transposedInDouble = transposedInDouble;
        _n = x.Rows;
        _b = x.Cols;
        _roundingThreads = Math.Max(1, backend.Threads);
        _chunkRows = (int)Math.Clamp(ChunkBytes / (sizeof(float) * Math.Max(1L, _n)), 1, Math.Max(1, y.Rows));
        _x = new float[x.Data.Length];
        Round(x.Data, _x);
        _a = new float[(long)_chunkRows * _n];
        _yc = new float[_chunkRows * _b];
        _wSingle = transposedInDouble ? null : new float[_n * _b];
    }

    /// <summary>
    /// Rows [<paramref name="first"/>, first + <paramref name="count"/>) of A: row-major in <paramref name="rows"/>
    /// (element (i, j) at i·n + j), or column-major with leading dimension <paramref name="ld"/> (at i + j·ld).
    /// </summary>
    public void AddRows(int first, int count, ReadOnlySpan<double> rows, bool rowMajor, int ld)
    {
        int n = _n, b = _b, m = _y.Rows;
        for (int r = 0; r < count; r += _chunkRows)
        {
            int c = Math.Min(_chunkRows, count - r);
            int lda = rowMajor ? n : c;
            RoundChunk(rowMajor ? rows.Slice(r * n, c * n) : rows[r..], c, rowMajor, ld);
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

    /// <summary>Adds what is still summed in float32 into W; call once after the last rows.</summary>
    public void Finish() => Flush();

    private void Flush()
    {
        if (_wSingle is null || _unflushedRows == 0) return;
        var w = _w.Data;
        for (int k = 0; k < w.Length; k++) w[k] += _wSingle[k];
        Array.Clear(_wSingle);
        _unflushedRows = 0;
    }

    /// <summary>
    /// fl₃₂ of the c rows at the start of <paramref name="rows"/> into the chunk buffer (row-major c×n, or column-major
    /// c×n with leading dimension c): on one thread, or split into <see cref="_roundingThreads"/> parts run side by side
    /// (the caller's thread and thread-pool workers). Rounding streams 8 bytes in and 4 out per entry on one thread while
    /// the sgemms wait for it; the parts share the memory bandwidth that one thread leaves unused.
    /// </summary>
    private unsafe void RoundChunk(ReadOnlySpan<double> rows, int c, bool rowMajor, int ld)
    {
        fixed (double* start = rows)
        {
            if (_roundingThreads == 1) RoundPart(start, c, rowMajor, ld, 0, 1);
            else
            {
                nint address = (nint)start; // pinned until Parallel.For returns, after every part
                Parallel.For(0, _roundingThreads, part => RoundPart((double*)address, c, rowMajor, ld, part, _roundingThreads));
            }
        }
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> of <see cref="RoundChunk"/>: a stretch of whole rows (row-major) or of whole columns.</summary>
    private unsafe void RoundPart(double* rows, int c, bool rowMajor, int ld, int part, int parts)
    {
        int n = _n;
        if (rowMajor)
        {
            int from = (int)((long)c * part / parts), to = (int)((long)c * (part + 1) / parts);
            Round(new ReadOnlySpan<double>(rows + (long)from * n, (to - from) * n), _a.AsSpan(from * n, (to - from) * n));
        }
        else
        {
            int from = (int)((long)n * part / parts), to = (int)((long)n * (part + 1) / parts);
            for (int j = from; j < to; j++) Round(new ReadOnlySpan<double>(rows + (long)j * ld, c), _a.AsSpan(j * c, c));
        }
    }

    /// <summary>fl₃₂: float64 to the nearest float32, two vectors at a time.</summary>
    private static void Round(ReadOnlySpan<double> source, Span<float> target)
    {
        int i = 0, width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
            for (; i + 2 * width <= source.Length; i += 2 * width)
                Vector.Narrow(new Vector<double>(source[i..]), new Vector<double>(source[(i + width)..])).CopyTo(target[i..]);
        for (; i < source.Length; i++) target[i] = (float)source[i];
    }
}
