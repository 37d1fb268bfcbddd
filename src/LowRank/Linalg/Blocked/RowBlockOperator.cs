using System.Buffers;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace LowRank.Linalg.Blocked;

/// <summary>
/// A dense m×n matrix applied block of rows by block of rows, so that only a block (not the matrix) is in memory at a
/// time and the matrix may have more than the 2³¹ entries of one .NET array: A·X fills the rows of Y block by block
/// (Y_i = A_i·X, one gemm with the row-major block as a transposed column-major operand) and Aᵀ·Y sums Σ A_iᵀ·Y_i (one
/// gemm per block, accumulated). Each product is one pass over the data. A source that reads from a file is read one
/// block ahead on another thread, into the second of two buffers, while the current block is in gemm. float32 data is
/// multiplied by sgemm in float32 (X converted once per pass, each block's result accumulated in float64).
/// The first pass also sums the squares of the entries, so ‖A‖_F² costs no extra pass. float64 data can also be
/// multiplied in float32 for the mixed-precision range finder (<see cref="MultiplyThenTransposedInSingle"/>).
/// </summary>
public sealed class RowBlockOperator : IFusedNormalProducts, IMixedPrecisionProducts
{
    private readonly IRowBlockSource _source;
    private readonly int _elementSize;
    private byte[][]? _buffers;
    private double? _squaredNorm;
    private readonly Stopwatch _clock = new();

    /// <summary>Applies the matrix of <paramref name="source"/> <paramref name="blockRows"/> rows at a time (ignored for resident blocks).</summary>
    public RowBlockOperator(IRowBlockSource source, int blockRows)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        BlockRows = source.ResidentBlockRows > 0 ? source.ResidentBlockRows : blockRows;
        if (BlockRows < 1) throw new ArgumentOutOfRangeException(nameof(blockRows), "a block holds at least one row");
        _elementSize = source.ElementType == BlockElementType.Float64 ? sizeof(double) : sizeof(float);
        if ((long)BlockRows * source.Cols * _elementSize > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(blockRows), $"a block of {BlockRows} rows of {source.Cols} is larger than one buffer holds");
    }

    public int Rows => _source.Rows;

    public int Cols => _source.Cols;

    /// <summary>Rows per block.</summary>
    public int BlockRows { get; }

    /// <summary>Blocks per pass.</summary>
    public int Blocks => Rows == 0 ? 0 : (int)((Rows + (long)BlockRows - 1) / BlockRows);

    /// <summary>The element type the products run in.</summary>
    public BlockElementType ElementType => _source.ElementType;

    /// <summary>Complete passes over the data so far.</summary>
    public long Passes { get; private set; }

    /// <summary>Bytes read from a non-resident source so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// Threads that share each block of the fused passes (<see cref="MultiplyThenTransposed"/> of float64 blocks,
    /// <see cref="MultiplyThenTransposedInSingle"/>) by rows when the backend runs BLAS on one thread: each computes its
    /// rows of Y and its own partial W by single-threaded gemm (or sgemm), and the partial Ws are added in thread order
    /// (so a given count gives the same bits every run). OpenBLAS splits these thin
    /// products (b ≈ 20–110 columns) poorly over its own threads: on 2 cores one single-threaded gemm per half of the
    /// rows ran a 4000 × 4000 pass at b = 60 in 54.5 ms against 81.3 ms on OpenBLAS's two threads (docs/benchmarks.md,
    /// "Fresh pages and gemm shapes"). 1 (the default) leaves the threading to BLAS.
    /// </summary>
    public int Workers
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Workers), "at least one thread");
    } = 1;

    /// <summary>Called after every block, for a progress display; null for none.</summary>
    public Action<BlockProgress>? Progress { get; set; }

    /// <summary>The two read buffers for a streamed source, or all the blocks for a resident one.</summary>
    public long StorageBytes => _source.ResidentBlockRows > 0
        ? (long)Rows * Cols * _elementSize
        : 2L * BlockRows * Cols * _elementSize;

    /// <summary>Bytes of a pass's buffers and scratch for a block of <paramref name="blockRows"/> rows of n (2 read buffers) with b vectors.</summary>
    public static long BufferBytes(long blockRows, long cols, int elementSize, int vectors) =>
        2 * blockRows * cols * elementSize + (elementSize == sizeof(float) ? (blockRows + 2 * cols) * vectors * sizeof(float) : 0);

    /// <summary>Y = A·X: Y_i = A_i·X for each block of rows, one gemm each.</summary>
    public Matrix Multiply(Matrix x, ILinalgBackend backend)
    {
        if (x.Rows != Cols) throw new ArgumentException($"A is {Rows}×{Cols} but X has {x.Rows} rows");
        int b = x.Cols, n = Cols, m = Rows;
        var y = new Matrix(m, b);
        if (ElementType == BlockElementType.Float64)
        {
            Pass((first, count, block) =>
                backend.Gemm(true, false, count, b, n, 1.0, MemoryMarshal.Cast<byte, double>(block), n, x.Data, n, 0.0, y.Data.AsSpan(first), m));
            return y;
        }
        float[] xf = ToSingle(x.Data);
        var yf = new float[BlockRows * b];
        Pass((first, count, block) =>
        {
            backend.Gemm(true, false, count, b, n, 1f, MemoryMarshal.Cast<byte, float>(block), n, xf, n, 0f, yf, count);
            for (int c = 0; c < b; c++)
                for (int i = 0; i < count; i++) y.Data[first + i + c * m] = yf[i + c * count];
        });
        return y;
    }

    /// <summary>Z = Aᵀ·Y = Σ_i A_iᵀ·Y_i over the blocks of rows, accumulated by gemm with β = 1 (in float64 for float32 blocks).</summary>
    public Matrix MultiplyTransposed(Matrix y, ILinalgBackend backend)
    {
        if (y.Rows != Rows) throw new ArgumentException($"A is {Rows}×{Cols} but Y has {y.Rows} rows");
        int b = y.Cols, n = Cols, m = Rows;
        var z = new Matrix(n, b);
        if (ElementType == BlockElementType.Float64)
        {
            Pass((first, count, block) =>
                backend.Gemm(false, false, n, b, count, 1.0, MemoryMarshal.Cast<byte, double>(block), n, y.Data.AsSpan(first), m, 1.0, z.Data, n));
            return z;
        }
        var yf = new float[BlockRows * b];
        var zf = new float[n * b];
        Pass((first, count, block) =>
        {
            for (int c = 0; c < b; c++)
                for (int i = 0; i < count; i++) yf[i + c * count] = (float)y.Data[first + i + c * m];
            backend.Gemm(false, false, n, b, count, 1f, MemoryMarshal.Cast<byte, float>(block), n, yf, count, 0f, zf, n);
            for (int k = 0; k < zf.Length; k++) z.Data[k] += zf[k];
        });
        return z;
    }

    /// <summary>
    /// Y = A·X and W = Aᵀ·Y in one pass: for each block, Y_i = A_i·X and then W += A_iᵀ·Y_i on the same block, still in
    /// memory. Given <paramref name="y"/> (m×b) and <paramref name="w"/> (n×b) are overwritten and returned.
    /// </summary>
    public (Matrix Y, Matrix W) MultiplyThenTransposed(Matrix x, ILinalgBackend backend, Matrix? y = null, Matrix? w = null)
    {
        if (x.Rows != Cols) throw new ArgumentException($"A is {Rows}×{Cols} but X has {x.Rows} rows");
        int b = x.Cols, n = Cols, m = Rows;
        if (y is not null && (y.Rows != m || y.Cols != b)) throw new ArgumentException($"Y must be {m}×{b}, not {y.Rows}×{y.Cols}");
        if (ReferenceEquals(y, x)) throw new ArgumentException("Y must not be X");
        y ??= new Matrix(m, b);
        w = Matrix.ClearedOrNew(w, n, b, "W", x);
        if (ElementType == BlockElementType.Float64)
        {
            MultiplyThenTransposedByRows(x, y, w, backend);
            return (y, w);
        }
        float[] xf = ToSingle(x.Data);
        var yf = new float[BlockRows * b];
        var wf = new float[n * b];
        Pass((first, count, block) =>
        {
            var a = MemoryMarshal.Cast<byte, float>(block);
            backend.Gemm(true, false, count, b, n, 1f, a, n, xf, n, 0f, yf, count);
            for (int c = 0; c < b; c++)
                for (int i = 0; i < count; i++) y.Data[first + i + c * m] = yf[i + c * count];
            backend.Gemm(false, false, n, b, count, 1f, a, n, yf, count, 0f, wf, n);
            for (int k = 0; k < wf.Length; k++) w.Data[k] += wf[k];
        });
        return (y, w);
    }

    /// <summary>
    /// The float64 fused pass: for each block Y_i = A_i·X into the rows of Y, then W += A_iᵀ·Y_i, with the block's rows
    /// shared by <see cref="Workers"/> threads on a single-threaded backend (partial Ws from the pool, added in order).
    /// </summary>
    private void MultiplyThenTransposedByRows(Matrix x, Matrix y, Matrix w, ILinalgBackend backend)
    {
        int b = x.Cols, n = Cols, m = Rows, workers = WorkersFor(backend);
        var partials = new double[workers][];
        partials[0] = w.Data;
        for (int t = 1; t < workers; t++)
        {
            partials[t] = ArrayPool<double>.Shared.Rent(n * b);
            Array.Clear(partials[t], 0, n * b);
        }
        try
        {
            Pass((first, count, block) => ForEachRowRange(block, count, workers, (worker, offset, rows, a) =>
            {
                // Y_i = A_i·X for these rows, then this worker's W += A_iᵀ·Y_i
                backend.Gemm(true, false, rows, b, n, 1.0, a, n, x.Data, n, 0.0, y.Data.AsSpan(first + offset), m);
                backend.Gemm(false, false, n, b, rows, 1.0, a, n, y.Data.AsSpan(first + offset), m, 1.0, partials[worker], n);
            }));
            for (int t = 1; t < workers; t++) TensorPrimitives.Add(w.Data, partials[t].AsSpan(0, n * b), w.Data);
        }
        finally
        {
            for (int t = 1; t < workers; t++) ArrayPool<double>.Shared.Return(partials[t]);
        }
    }

    /// <summary>The threads a fused pass shares each block among: <see cref="Workers"/> on a single-threaded backend (at most one per row), else 1.</summary>
    private int WorkersFor(ILinalgBackend backend) => backend.Threads == 1 ? Math.Min(Workers, BlockRows) : 1;

    /// <summary>Work on rows [offset, offset + rows) of a float64 block (row-major in <paramref name="a"/>) by worker <paramref name="worker"/>.</summary>
    private delegate void RowRangeAction(int worker, int offset, int rows, ReadOnlySpan<double> a);

    /// <summary>
    /// Splits the <paramref name="count"/> rows of a float64 block into <paramref name="workers"/> consecutive ranges
    /// (some empty when there are more workers than rows) and runs <paramref name="work"/> on them side by side.
    /// </summary>
    private unsafe void ForEachRowRange(ReadOnlySpan<byte> block, int count, int workers, RowRangeAction work)
    {
        if (workers == 1)
        {
            work(0, 0, count, MemoryMarshal.Cast<byte, double>(block));
            return;
        }
        int n = Cols;
        fixed (byte* start = block)
        {
            var address = (nint)start;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, t =>
            {
                int r0 = (int)((long)count * t / workers), r1 = (int)((long)count * (t + 1) / workers);
                if (r1 > r0) work(t, r0, r1 - r0, new ReadOnlySpan<double>((double*)address + (long)r0 * n, (r1 - r0) * n));
            });
        }
    }

    public bool HoldsDouble => ElementType == BlockElementType.Float64;

    /// <summary>
    /// <see cref="IMixedPrecisionProducts.MultiplyThenTransposedInSingle"/> of float64 blocks: each block, as it is
    /// read (or held), rounded to float32 a cache-sized chunk at a time by <see cref="SinglePrecisionPass"/> — one pass
    /// per worker on its share of the block's rows (<see cref="Workers"/>), their Ws and sums of squares added in order.
    /// </summary>
    public Matrix MultiplyThenTransposedInSingle(Matrix x, ILinalgBackend backend, Matrix y, bool transposedInDouble, Matrix? w = null)
    {
        if (!HoldsDouble) throw new InvalidOperationException("float32 blocks are multiplied in float32 already: use MultiplyThenTransposed");
        if (x.Rows != Cols) throw new ArgumentException($"A is {Rows}×{Cols} but X has {x.Rows} rows");
        if (y.Rows != Rows || y.Cols != x.Cols || ReferenceEquals(y, x)) throw new ArgumentException($"Y must be {Rows}×{x.Cols} and not X, not {y.Rows}×{y.Cols}");
        w = Matrix.ClearedOrNew(w, Cols, x.Cols, "W", x);
        int workers = WorkersFor(backend);
        var partials = new Matrix[workers];
        var passes = new SinglePrecisionPass[workers];
        for (int t = 0; t < workers; t++)
        {
            partials[t] = t == 0 ? w : new Matrix(Cols, x.Cols);
            passes[t] = new SinglePrecisionPass(x, y, partials[t], transposedInDouble, backend, sumSquares: _squaredNorm is null);
        }
        Pass((first, count, block) => ForEachRowRange(block, count, workers, (worker, offset, rows, a) =>
                passes[worker].AddRows(first + offset, rows, a, rowMajor: true, Cols)),
            () => passes.Sum(pass => pass.SumOfSquares));
        for (int t = 0; t < workers; t++)
        {
            passes[t].Finish();
            if (t > 0) TensorPrimitives.Add(w.Data, partials[t].Data, w.Data);
        }
        return w;
    }

    /// <summary>‖A‖_F², summed during the first pass (or by a pass of its own if none has run yet).</summary>
    public double SquaredFrobeniusNorm()
    {
        if (_squaredNorm is null) Pass((_, _, _) => { });
        return _squaredNorm!.Value;
    }

    /// <summary>Work on one block of rows: rows [firstRow, firstRow + rowCount) row-major, as stored (float64 or float32 bytes).</summary>
    public delegate void BlockAction(int firstRow, int rowCount, ReadOnlySpan<byte> block);

    /// <summary>One pass that hands every block, in order, to <paramref name="visit"/> (a single-pass sketch, a check of the error).</summary>
    public void ForEachBlock(BlockAction visit) => Pass(visit);

    /// <summary>
    /// One pass: every block in order, the next one read on another thread while <paramref name="compute"/> runs on the
    /// current one (double buffering). Exceptions of the reader surface here, on the computing thread. The first pass
    /// also sums the squares of the entries, block by block after <paramref name="compute"/>, unless compute sums them
    /// as it reads them and hands the total over by <paramref name="squaresSummedByCompute"/>.
    /// </summary>
    private void Pass(BlockAction compute, Func<double>? squaresSummedByCompute = null)
    {
        _clock.Start();
        try
        {
            bool sumSquares = _squaredNorm is null && squaresSummedByCompute is null;
            double squares = 0;
            long rowBytes = (long)Cols * _elementSize;
            if (_source.ResidentBlockRows > 0)
            {
                for (int index = 0, first = 0; first < Rows; index++, first += BlockRows)
                {
                    int count = Math.Min(BlockRows, Rows - first);
                    var block = _source.ReadRows(first, count, []);
                    compute(first, count, block);
                    if (sumSquares) squares += SumOfSquares(block);
                    Report(index + 1);
                }
            }
            else
            {
                _buffers ??= [GC.AllocateUninitializedArray<byte>((int)(BlockRows * rowBytes)), GC.AllocateUninitializedArray<byte>((int)(BlockRows * rowBytes))];
                var pending = Rows > 0 ? ReadAhead(0, 0) : Task.CompletedTask;
                for (int index = 0, first = 0; first < Rows; index++, first += BlockRows)
                {
                    int count = Math.Min(BlockRows, Rows - first);
                    pending.GetAwaiter().GetResult();
                    BytesRead += count * rowBytes;
                    if (first + count < Rows) pending = ReadAhead(first + count, (index + 1) % 2);
                    var block = _buffers[index % 2].AsSpan(0, (int)(count * rowBytes));
                    try
                    {
                        compute(first, count, block);
                        if (sumSquares) squares += SumOfSquares(block);
                        Report(index + 1); // may throw to cancel (Ctrl-C)
                    }
                    catch
                    {
                        ((IAsyncResult)pending).AsyncWaitHandle.WaitOne(); // the reader owns the other buffer until it ends
                        throw;
                    }
                }
            }
            Passes++;
            _squaredNorm ??= squaresSummedByCompute is null ? squares : squaresSummedByCompute();
        }
        finally
        {
            _clock.Stop();
        }
    }

    private Task ReadAhead(int first, int buffer)
    {
        int count = Math.Min(BlockRows, Rows - first);
        byte[] target = _buffers![buffer];
        return Task.Run(() => { _source.ReadRows(first, count, target.AsSpan(0, (int)((long)count * Cols * _elementSize))); });
    }

    private void Report(int block) =>
        Progress?.Invoke(new BlockProgress(Passes + 1, block, Blocks, BytesRead, _clock.Elapsed.TotalSeconds));

    /// <summary>
    /// Σ a_ij² over a block: vectorised for float64 (several partial sums, so it runs at memory speed instead of one
    /// dependent addition per entry, which cost 0.7–1.0 s of the first pass on a 25,000 × 4,000 slice of tall, more
    /// than the pass's rounding: docs/benchmarks.md); float32 entries are squared in float64.
    /// </summary>
    private double SumOfSquares(ReadOnlySpan<byte> block)
    {
        if (ElementType == BlockElementType.Float64) return TensorPrimitives.SumOfSquares(MemoryMarshal.Cast<byte, double>(block));
        double sum = 0;
        foreach (float v in MemoryMarshal.Cast<byte, float>(block)) sum += (double)v * v;
        return sum;
    }

    private static float[] ToSingle(double[] values)
    {
        var result = new float[values.Length];
        for (int k = 0; k < values.Length; k++) result[k] = (float)values[k];
        return result;
    }
}
