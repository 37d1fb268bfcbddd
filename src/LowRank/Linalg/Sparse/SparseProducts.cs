using System.Numerics;
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

    /// <summary>Y = A·X, X n×b column-major; Y m×b column-major.</summary>
    public static Matrix Multiply(CsrMatrix a, Matrix x, int threads)
    {
        if (x.Rows != a.Cols) throw new ArgumentException($"a {a.Rows}×{a.Cols} operator cannot multiply a {x.Rows}×{x.Cols} block");
        int m = a.Rows, b = x.Cols;
        var y = new Matrix(m, b);
        if (b == 0 || m == 0) return y;
        var xRows = b == 1 ? x.Data : RowMajor(x);
        var blocks = RowBlocks(a, threads * BlocksPerThread);
        Parallel.For(0, blocks.Length - 1, new ParallelOptions { MaxDegreeOfParallelism = threads }, block =>
        {
            int first = blocks[block], last = blocks[block + 1];
            if (b == 1) MultiplyVector(a, xRows, y.Data, first, last);
            else MultiplyBlock(a, xRows, b, y.Data, first, last);
        });
        return y;
    }

    /// <summary>
    /// Z = Aᵀ·Y without forming Aᵀ, Y m×b column-major; Z n×b column-major. Each thread scatters its row blocks into
    /// its own n×b accumulator (row-major), and the accumulators are summed at the end: memory threads·n·b doubles.
    /// </summary>
    public static Matrix MultiplyTransposed(CsrMatrix a, Matrix y, int threads)
    {
        if (y.Rows != a.Rows) throw new ArgumentException($"the transpose of a {a.Rows}×{a.Cols} operator cannot multiply a {y.Rows}×{y.Cols} block");
        int n = a.Cols, b = y.Cols;
        var z = new Matrix(n, b);
        if (b == 0 || n == 0 || a.Rows == 0) return z;
        var yRows = b == 1 ? y.Data : RowMajor(y);
        int parts = Math.Max(1, Math.Min(threads, (int)Math.Min(int.MaxValue, a.NonZeros / 50_000 + 1)));
        var blocks = RowBlocks(a, parts);
        var accumulators = new double[blocks.Length - 1][];
        Parallel.For(0, blocks.Length - 1, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            var acc = new double[(long)n * b];
            if (b == 1) ScatterVector(a, yRows, acc, blocks[part], blocks[part + 1]);
            else ScatterBlock(a, yRows, b, acc, blocks[part], blocks[part + 1]);
            accumulators[part] = acc;
        });
        // Sum the accumulators into the column-major result, columns of Z in parallel.
        Parallel.For(0, b, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            var column = z.Column(c);
            foreach (var acc in accumulators)
                for (int j = 0; j < n; j++) column[j] += acc[(long)j * b + c];
        });
        return z;
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

    /// <summary>The row-major copy of a column-major block (entry (i, c) at i·b + c).</summary>
    private static double[] RowMajor(Matrix x)
    {
        int rows = x.Rows, b = x.Cols;
        var r = new double[(long)rows * b];
        for (int c = 0; c < b; c++)
        {
            var column = x.Column(c);
            for (int i = 0; i < rows; i++) r[(long)i * b + c] = column[i];
        }
        return r;
    }

    private static void MultiplyVector(CsrMatrix a, double[] x, double[] y, int first, int last)
    {
        var offsets = a.RowOffsets;
        ref int cols = ref MemoryMarshal.GetArrayDataReference(a.ColumnIndices);
        ref double vals = ref MemoryMarshal.GetArrayDataReference(a.Values);
        for (int i = first; i < last; i++)
        {
            double sum = 0;
            for (long p = offsets[i], end = offsets[i + 1]; p < end; p++)
                sum += Unsafe.Add(ref vals, (nint)p) * x[Unsafe.Add(ref cols, (nint)p)];
            y[i] = sum;
        }
    }

    private static void MultiplyBlock(CsrMatrix a, double[] xRows, int b, double[] y, int first, int last)
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
            for (int c = 0; c < b; c++) y[i + (long)c * m] = accumulator[c];
        }
    }

    private static void ScatterVector(CsrMatrix a, double[] y, double[] acc, int first, int last)
    {
        var offsets = a.RowOffsets;
        ref int cols = ref MemoryMarshal.GetArrayDataReference(a.ColumnIndices);
        ref double vals = ref MemoryMarshal.GetArrayDataReference(a.Values);
        for (int i = first; i < last; i++)
        {
            double yi = y[i];
            if (yi == 0) continue;
            for (long p = offsets[i], end = offsets[i + 1]; p < end; p++)
                acc[Unsafe.Add(ref cols, (nint)p)] += Unsafe.Add(ref vals, (nint)p) * yi;
        }
    }

    private static void ScatterBlock(CsrMatrix a, double[] yRows, int b, double[] accumulator, int first, int last)
    {
        var offsets = a.RowOffsets;
        ref int cols = ref MemoryMarshal.GetArrayDataReference(a.ColumnIndices);
        ref double vals = ref MemoryMarshal.GetArrayDataReference(a.Values);
        ref double y = ref MemoryMarshal.GetArrayDataReference(yRows);
        ref double acc = ref MemoryMarshal.GetArrayDataReference(accumulator);
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
