using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LowRank.Linalg.Sparse;

/// <summary>
/// Sparse × dense-block kernels (SpMM) of <see cref="CsrMatrix"/>, on up to the backend's thread count. The rows are
/// cut into blocks of about equal nonzero counts (power-law rows would otherwise leave one thread the heavy rows);
/// within a row, the b columns of the block are the inner loop, over a row-major copy of the dense operand, so that
/// each stored entry is read once per product and its b multiply-adds are contiguous (vectorised with
/// <see cref="Vector{T}"/> when b is at least one vector wide).
/// </summary>
internal static class SparseProducts
{
    /// <summary>Row blocks per thread: enough to even out the load, few enough to keep the per-block overhead small.</summary>
    private const int BlocksPerThread = 4;

    /// <summary>
    /// Operand bytes that the random accesses of a block kernel (gathers from X's rows in A·X, scatters into the
    /// accumulator's rows in Aᵀ·Y) may span: half of a 512 KB L2 cache. Measured on sparse-s (n = 30,000; 2 cores), ten
    /// single-vector products took 120–160 ms against 200–260 ms for one 10-wide block product whose 2.4 MB operand
    /// lived in L3: the gathers are bound by latency, not by the reads of A. So blocks are cut into column panels this
    /// size, one column (the vector kernels) when n exceeds 32,768.
    /// </summary>
    private const long PanelBytes = 256 * 1024;

    /// <summary>The column panels (first column, width) of a b-wide block whose operand rows have n entries.</summary>
    internal static IEnumerable<(int First, int Width)> Panels(int n, int b)
    {
        int width = (int)Math.Clamp(PanelBytes / (sizeof(double) * Math.Max(1L, n)), 1, Math.Max(1, b));
        for (int c0 = 0; c0 < b; c0 += width) yield return (c0, Math.Min(width, b - c0));
    }

    /// <summary>Y = A·X, X n×b column-major; Y m×b column-major, by column panels (<see cref="PanelBytes"/>).</summary>
    public static Matrix Multiply(CsrMatrix a, Matrix x, int threads)
    {
        if (x.Rows != a.Cols) throw new ArgumentException($"a {a.Rows}×{a.Cols} operator cannot multiply a {x.Rows}×{x.Cols} block");
        int m = a.Rows, b = x.Cols;
        int n = a.Cols;
        var y = new Matrix(m, b);
        if (b == 0 || m == 0) return y;
        var blocks = RowBlocks(a, threads * BlocksPerThread);
        foreach (var (c0, width) in Panels(n, b))
        {
            if (width == 1)
            {
                MultiplyVector(a, x.Data.AsMemory(c0 * n, n), y.Data.AsMemory(c0 * m, m), threads);
                continue;
            }
            var xRows = RowMajor(x, c0, width);
            Parallel.For(0, blocks.Length - 1, new ParallelOptions { MaxDegreeOfParallelism = threads },
                block => MultiplyBlock(a, xRows, width, y.Data, c0, blocks[block], blocks[block + 1]));
        }
        return y;
    }

    /// <summary>y = A·x for one vector, written in place (the Lanczos step: no allocation), rows in parallel.</summary>
    public static void MultiplyVector(CsrMatrix a, ReadOnlyMemory<double> x, Memory<double> y, int threads)
    {
        if (x.Length != a.Cols || y.Length != a.Rows) throw new ArgumentException($"a {a.Rows}×{a.Cols} operator cannot map a vector of {x.Length} to {y.Length}");
        if (a.Rows == 0) return;
        var blocks = RowBlocks(a, threads * BlocksPerThread);
        Parallel.For(0, blocks.Length - 1, new ParallelOptions { MaxDegreeOfParallelism = threads },
            block => RowsTimesVector(a, x.Span, y.Span, blocks[block], blocks[block + 1]));
    }

    /// <summary>
    /// Z = Aᵀ·Y without forming Aᵀ, Y m×b column-major; Z n×b column-major. The rows are cut into parts of equal
    /// nonzero counts; each part scatters into its own n×b row-major accumulator, and the accumulators are summed and
    /// transposed into Z in one pass over row tiles (each accumulator read once, contiguously). The accumulators are at
    /// most as large as the matrix's own storage (fewer parts than threads when n·b is large) and are checked against
    /// the memory budget.
    /// </summary>
    public static Matrix MultiplyTransposed(CsrMatrix a, Matrix y, int threads)
    {
        if (y.Rows != a.Rows) throw new ArgumentException($"the transpose of a {a.Rows}×{a.Cols} operator cannot multiply a {y.Rows}×{y.Cols} block");
        int n = a.Cols, b = y.Cols;
        int m = a.Rows;
        var z = new Matrix(n, b);
        if (b == 0 || n == 0 || m == 0) return z;
        foreach (var (c0, width) in Panels(n, b))
        {
            if (width == 1)
            {
                MultiplyTransposedVector(a, y.Data.AsMemory(c0 * m, m), z.Data.AsMemory(c0 * n, n), threads);
                continue;
            }
            var yRows = RowMajor(y, c0, width);
            var accumulators = ScatterParts(a, threads, (long)n * width, (acc, first, last) => ScatterBlock(a, yRows, width, acc, first, last));
            Parallel.For(0, Tiles(n), new ParallelOptions { MaxDegreeOfParallelism = threads }, tile => SumTransposed(accumulators, width, z, c0, tile));
        }
        return z;
    }

    /// <summary>
    /// Y = A·X and W = Aᵀ·Y in one pass over the CSR arrays (X n×b column-major): each row's b results are formed from
    /// its entries and, with the entries still in cache, scattered back through them into the part's n×b accumulator —
    /// the fused products of the randomized range finder, one read of the matrix instead of two (per column panel).
    /// </summary>
    public static (Matrix Y, Matrix W) MultiplyThenTransposed(CsrMatrix a, Matrix x, int threads, Matrix? y = null, Matrix? w = null)
    {
        if (x.Rows != a.Cols) throw new ArgumentException($"a {a.Rows}×{a.Cols} operator cannot multiply a {x.Rows}×{x.Cols} block");
        int m = a.Rows, n = a.Cols, b = x.Cols;
        y = Matrix.ClearedOrNew(y, m, b, "Y", x);
        w = Matrix.ClearedOrNew(w, n, b, "W", x);
        if (b == 0 || m == 0 || n == 0) return (y, w);
        foreach (var (c0, width) in Panels(n, b))
        {
            if (width == 1)
            {
                MultiplyThenTransposedVector(a, x.Data.AsMemory(c0 * n, n), y.Data.AsMemory(c0 * m, m), w.Data.AsMemory(c0 * n, n), threads);
                continue;
            }
            var xRows = RowMajor(x, c0, width);
            var accumulators = ScatterParts(a, threads, (long)n * width, (acc, first, last) => MultiplyBlockThenScatter(a, xRows, width, y.Data, c0, acc, first, last));
            Parallel.For(0, Tiles(n), new ParallelOptions { MaxDegreeOfParallelism = threads }, tile => SumTransposed(accumulators, width, w, c0, tile));
        }
        return (y, w);
    }

    /// <summary>z = Aᵀ·y for one vector, written in place: per-part scatter accumulators (the first part scatters into z itself), summed over row tiles.</summary>
    public static void MultiplyTransposedVector(CsrMatrix a, ReadOnlyMemory<double> y, Memory<double> z, int threads)
    {
        if (y.Length != a.Rows || z.Length != a.Cols) throw new ArgumentException($"the transpose of a {a.Rows}×{a.Cols} operator cannot map a vector of {y.Length} to {z.Length}");
        int n = a.Cols;
        z.Span.Clear();
        if (n == 0 || a.Rows == 0) return;
        var accumulators = ScatterParts(a, threads, n, (acc, first, last) => ScatterVector(a, y.Span, acc, first, last), z, pooled: true);
        AddAccumulators(accumulators, z, threads);
        ReturnPooled(accumulators);
    }

    /// <summary>
    /// The one-column panel of <see cref="MultiplyThenTransposed"/>: t = A·x and s = Aᵀ·t in one pass over the CSR
    /// arrays — each row's entries are read once, for the dot product that gives t_i and, still in cache, for the
    /// scatter of t_i·A[i, :] into the part's accumulator — instead of one pass per product. t, x and s must not overlap.
    /// (A Lanczos step fused this way measured level with two passes on a 2-core machine, so
    /// <see cref="Decompositions.LanczosSvd"/> keeps its separate products.)
    /// </summary>
    public static void MultiplyThenTransposedVector(CsrMatrix a, ReadOnlyMemory<double> x, Memory<double> t, Memory<double> s, int threads)
    {
        if (x.Length != a.Cols || t.Length != a.Rows || s.Length != a.Cols)
            throw new ArgumentException($"a {a.Rows}×{a.Cols} operator cannot map vectors of {x.Length} to {t.Length}, {s.Length}");
        int n = a.Cols;
        s.Span.Clear();
        if (a.Rows == 0) return;
        if (n == 0)
        {
            t.Span.Clear();
            return;
        }
        var accumulators = ScatterParts(a, threads, n, (acc, first, last) => RowsThenScatter(a, x.Span, t.Span, acc, first, last), s, pooled: true);
        AddAccumulators(accumulators, s, threads);
        ReturnPooled(accumulators);
    }

    /// <summary>z += the accumulators after the first (whose part scattered into z itself), over row tiles in parallel.</summary>
    private static void AddAccumulators(double[]?[] accumulators, Memory<double> z, int threads)
    {
        if (accumulators.Length == 1) return;
        int n = z.Length;
        Parallel.For(0, Tiles(n), new ParallelOptions { MaxDegreeOfParallelism = threads }, tile =>
        {
            int j0 = tile * TileRows, length = Math.Min(n, j0 + TileRows) - j0;
            var target = z.Span.Slice(j0, length);
            for (int t = 1; t < accumulators.Length; t++)
                TensorPrimitives.Add(target, accumulators[t]!.AsSpan(j0, length), target);
        });
    }

    /// <summary>Rows j of one tile of Z: Z[j, c0 + c] = Σ_parts acc[j·b + c], each accumulator row read contiguously.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumTransposed(double[]?[] accumulators, int b, Matrix z, int c0, int tile)
    {
        int n = z.Rows, j0 = tile * TileRows, j1 = Math.Min(n, j0 + TileRows);
        var zData = z.Data;
        for (int j = j0; j < j1; j++)
            for (int c = 0; c < b; c++)
            {
                double sum = 0;
                foreach (var acc in accumulators) sum += acc![(long)j * b + c];
                zData[j + (long)(c0 + c) * n] = sum;
            }
    }

    /// <summary>Rows of one tile of the accumulator reduction (a few pages of each accumulator per task).</summary>
    private const int TileRows = 2048;

    private static int Tiles(int n) => (n + TileRows - 1) / TileRows;

    /// <summary>Scatters the rows first..last − 1 of a transposed product into an accumulator.</summary>
    private delegate void Scatter(Span<double> accumulator, int first, int last);

    /// <summary>
    /// Cuts the rows into parts of equal nonzero counts — one per thread, but at least 50,000 nonzeros per part and no
    /// more parts than keep the accumulators (<paramref name="length"/> numbers each) within the matrix's own storage —
    /// and runs <paramref name="scatter"/> on each part into its own zeroed accumulator, the first part into
    /// <paramref name="first"/> when given (its slot in the result is then null). Returns the accumulators in part order.
    /// With <paramref name="pooled"/> (the single-vector products, whose accumulators are n numbers) they are rented
    /// from the shared array pool, possibly longer than <paramref name="length"/>, and go back with
    /// <see cref="ReturnPooled"/>: a new array per product cost page faults and the collector's unmapping of the freed
    /// ones (TLB shootdowns across the threads) on every Lanczos step.
    /// </summary>
    private static double[]?[] ScatterParts(CsrMatrix a, int threads, long length, Scatter scatter, Memory<double>? first = null, bool pooled = false)
    {
        long bytesEach = length * sizeof(double);
        long byStorage = 1 + a.StorageBytes / Math.Max(1, bytesEach);
        int parts = (int)Math.Max(1, Math.Min(threads, Math.Min(byStorage, a.NonZeros / 50_000 + 1)));
        var blocks = RowBlocks(a, parts);
        parts = blocks.Length - 1;
        int owned = parts - (first is null ? 0 : 1);
        MemoryBudget.Require(owned * bytesEach, $"{owned} scatter accumulators of {length:N0} numbers for a sparse transposed product");
        var accumulators = new double[]?[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            if (part == 0 && first is { } own)
            {
                scatter(own.Span, blocks[0], blocks[1]);
                return;
            }
            var acc = pooled ? ArrayPool<double>.Shared.Rent((int)length) : new double[length];
            var span = acc.AsSpan(0, (int)length);
            if (pooled) span.Clear();
            scatter(span, blocks[part], blocks[part + 1]);
            accumulators[part] = acc;
        });
        return accumulators;
    }

    /// <summary>Returns the accumulators of a pooled <see cref="ScatterParts"/> to the shared pool.</summary>
    private static void ReturnPooled(double[]?[] accumulators)
    {
        foreach (var acc in accumulators)
            if (acc is not null) ArrayPool<double>.Shared.Return(acc);
    }

    /// <summary>Row boundaries of about <paramref name="count"/> blocks with equal shares of the nonzeros (and of the rows when all are empty).</summary>
    private static int[] RowBlocks(CsrMatrix a, int count)
    {
        int m = a.Rows;
        count = Math.Max(1, Math.Min(count, m));
        var bounds = new List<int> { 0 };
        long nnz = a.NonZeros;
        for (int t = 1; t < count; t++)
        {
            int row = nnz == 0
                ? (int)((long)m * t / count)
                : LowerBound(a.RowOffsets, nnz * t / count);
            if (row > bounds[^1] && row < m) bounds.Add(row);
        }
        bounds.Add(m);
        return bounds.ToArray();
    }

    /// <summary>The first row i with RowOffsets[i] ≥ target.</summary>
    private static int LowerBound(long[] offsets, long target)
    {
        int lo = 0, hi = offsets.Length - 1;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (offsets[mid] < target) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The row-major copy of the columns c0..c0 + b − 1 of a column-major block (entry (i, c0 + c) at i·b + c).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] RowMajor(Matrix x, int c0, int b)
    {
        int rows = x.Rows;
        var r = new double[(long)rows * b];
        for (int c = 0; c < b; c++)
        {
            var column = x.Column(c0 + c);
            for (int i = 0; i < rows; i++) r[(long)i * b + c] = column[i];
        }
        return r;
    }

    /// <summary>y[i] = Σ_p A[i, p]·x[col p] over the rows first..last − 1 (<see cref="RowDot"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowsTimesVector(CsrMatrix a, ReadOnlySpan<double> xs, Span<double> y, int first, int last)
    {
        var offsets = a.RowOffsets;
        ref int cols = ref MemoryMarshal.GetArrayDataReference(a.ColumnIndices);
        ref double vals = ref MemoryMarshal.GetArrayDataReference(a.Values);
        ref double x = ref MemoryMarshal.GetReference(xs);
        for (int i = first; i < last; i++)
            y[i] = RowDot(ref cols, ref vals, ref x, (nint)offsets[i], (nint)offsets[i + 1]);
    }

    /// <summary>
    /// Σ_p vals[p]·x[cols[p]] over the entries start..end − 1 of one row, with four independent partial sums so that the
    /// gathers of x overlap instead of waiting on one chain of additions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double RowDot(ref int cols, ref double vals, ref double x, nint start, nint end)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        nint p = start;
        for (; p + 3 < end; p += 4)
        {
            s0 += Unsafe.Add(ref vals, p) * Unsafe.Add(ref x, Unsafe.Add(ref cols, p));
            s1 += Unsafe.Add(ref vals, p + 1) * Unsafe.Add(ref x, Unsafe.Add(ref cols, p + 1));
            s2 += Unsafe.Add(ref vals, p + 2) * Unsafe.Add(ref x, Unsafe.Add(ref cols, p + 2));
            s3 += Unsafe.Add(ref vals, p + 3) * Unsafe.Add(ref x, Unsafe.Add(ref cols, p + 3));
        }
        for (; p < end; p++) s0 += Unsafe.Add(ref vals, p) * Unsafe.Add(ref x, Unsafe.Add(ref cols, p));
        return (s0 + s1) + (s2 + s3);
    }

    /// <summary>
    /// For the rows first..last − 1: t_i = A[i, :]·x (<see cref="RowDot"/>), then
    /// accumulator += t_i·A[i, :] over the same entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowsThenScatter(CsrMatrix a, ReadOnlySpan<double> xs, Span<double> t,
        Span<double> accumulator, int first, int last)
    {
        var offsets = a.RowOffsets;
        ref int cols = ref MemoryMarshal.GetArrayDataReference(a.ColumnIndices);
        ref double vals = ref MemoryMarshal.GetArrayDataReference(a.Values);
        ref double x = ref MemoryMarshal.GetReference(xs);
        ref double acc = ref MemoryMarshal.GetReference(accumulator);
        for (int i = first; i < last; i++)
        {
            nint start = (nint)offsets[i], end = (nint)offsets[i + 1];
            double ti = RowDot(ref cols, ref vals, ref x, start, end);
            t[i] = ti;
            if (ti == 0) continue;
            for (nint p = start; p < end; p++)
                Unsafe.Add(ref acc, Unsafe.Add(ref cols, p)) += Unsafe.Add(ref vals, p) * ti;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyBlock(CsrMatrix a, double[] xRows, int b, double[] y, int c0, int first, int last)
    {
        var offsets = a.RowOffsets;
        ref int cols = ref MemoryMarshal.GetArrayDataReference(a.ColumnIndices);
        ref double vals = ref MemoryMarshal.GetArrayDataReference(a.Values);
        ref double x = ref MemoryMarshal.GetArrayDataReference(xRows);
        int m = a.Rows;
        var accumulator = new double[b];
        ref double acc = ref MemoryMarshal.GetArrayDataReference(accumulator);
        for (int i = first; i < last; i++)
        {
            Array.Clear(accumulator);
            for (long p = offsets[i], end = offsets[i + 1]; p < end; p++)
                AddScaled(ref acc, Unsafe.Add(ref vals, (nint)p), ref Unsafe.Add(ref x, (nint)Unsafe.Add(ref cols, (nint)p) * b), b);
            for (int c = 0; c < b; c++) y[i + (long)(c0 + c) * m] = accumulator[c];
        }
    }

    /// <summary>
    /// For the rows first..last − 1: Y[i, :] = A[i, :]·X (as <see cref="MultiplyBlock"/>, written column-major into
    /// columns c0.. of <paramref name="y"/>), then accumulator[j, :] += A[i, j]·Y[i, :] over the same entries (row-major, n×b).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyBlockThenScatter(CsrMatrix a, double[] xRows, int b, double[] y, int c0, Span<double> accumulator, int first, int last)
    {
        var offsets = a.RowOffsets;
        ref int cols = ref MemoryMarshal.GetArrayDataReference(a.ColumnIndices);
        ref double vals = ref MemoryMarshal.GetArrayDataReference(a.Values);
        ref double x = ref MemoryMarshal.GetArrayDataReference(xRows);
        ref double acc = ref MemoryMarshal.GetReference(accumulator);
        int m = a.Rows;
        var row = new double[b];
        ref double yi = ref MemoryMarshal.GetArrayDataReference(row);
        for (int i = first; i < last; i++)
        {
            long start = offsets[i], end = offsets[i + 1];
            if (start == end) continue;
            Array.Clear(row);
            for (long p = start; p < end; p++)
                AddScaled(ref yi, Unsafe.Add(ref vals, (nint)p), ref Unsafe.Add(ref x, (nint)Unsafe.Add(ref cols, (nint)p) * b), b);
            for (int c = 0; c < b; c++) y[i + (long)(c0 + c) * m] = row[c];
            for (long p = start; p < end; p++)
                AddScaled(ref Unsafe.Add(ref acc, (nint)Unsafe.Add(ref cols, (nint)p) * b), Unsafe.Add(ref vals, (nint)p), ref yi, b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScatterVector(CsrMatrix a, ReadOnlySpan<double> y, Span<double> accumulator, int first, int last)
    {
        var offsets = a.RowOffsets;
        ref int cols = ref MemoryMarshal.GetArrayDataReference(a.ColumnIndices);
        ref double vals = ref MemoryMarshal.GetArrayDataReference(a.Values);
        ref double acc = ref MemoryMarshal.GetReference(accumulator);
        for (int i = first; i < last; i++)
        {
            double yi = y[i];
            if (yi == 0) continue;
            for (nint p = (nint)offsets[i], end = (nint)offsets[i + 1]; p < end; p++)
                Unsafe.Add(ref acc, Unsafe.Add(ref cols, p)) += Unsafe.Add(ref vals, p) * yi;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScatterBlock(CsrMatrix a, double[] yRows, int b, Span<double> accumulator, int first, int last)
    {
        var offsets = a.RowOffsets;
        ref int cols = ref MemoryMarshal.GetArrayDataReference(a.ColumnIndices);
        ref double vals = ref MemoryMarshal.GetArrayDataReference(a.Values);
        ref double y = ref MemoryMarshal.GetArrayDataReference(yRows);
        ref double acc = ref MemoryMarshal.GetReference(accumulator);
        for (int i = first; i < last; i++)
        {
            ref double yi = ref Unsafe.Add(ref y, (nint)i * b);
            for (long p = offsets[i], end = offsets[i + 1]; p < end; p++)
                AddScaled(ref Unsafe.Add(ref acc, (nint)Unsafe.Add(ref cols, (nint)p) * b), Unsafe.Add(ref vals, (nint)p), ref yi, b);
        }
    }

    /// <summary>target[0..b) += alpha·source[0..b), vectorised; the callers guarantee both ranges lie in their arrays.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled(ref double target, double alpha, ref double source, int b)
    {
        int c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(alpha);
            for (; c <= b - Vector<double>.Count; c += Vector<double>.Count)
            {
                ref double t = ref Unsafe.Add(ref target, c);
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref t) + va * Vector.LoadUnsafe(ref Unsafe.Add(ref source, c)), ref t);
            }
        }
        for (; c < b; c++) Unsafe.Add(ref target, c) += alpha * Unsafe.Add(ref source, c);
    }
}
