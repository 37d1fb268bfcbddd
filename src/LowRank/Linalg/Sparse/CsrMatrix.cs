namespace LowRank.Linalg.Sparse;

/// <summary>
/// A sparse m×n matrix in compressed sparse row (CSR) form, the layout of scipy's <c>csr_matrix</c>: the entries of
/// row i are <c>Values[RowOffsets[i]..RowOffsets[i + 1]]</c> in the columns <c>ColumnIndices[...]</c>, sorted and
/// unique within each row. Row offsets are 64-bit so that the offsets never overflow; column indices are 32-bit.
/// As an <see cref="ILinearOperator"/> its products are the multi-threaded SpMM kernels of <see cref="SparseProducts"/>,
/// which also apply A and then Aᵀ in one pass over the entries (<see cref="IFusedNormalProducts"/>).
/// </summary>
public sealed class CsrMatrix : IFusedNormalProducts
{
    public int Rows { get; }

    public int Cols { get; }

    /// <summary>Length <see cref="Rows"/> + 1, non-decreasing, from 0 to <see cref="NonZeros"/>.</summary>
    public long[] RowOffsets { get; }

    /// <summary>Column of each stored entry, sorted and unique within a row.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>Value of each stored entry (finite; explicit zeros allowed, as in scipy).</summary>
    public double[] Values { get; }

    /// <summary>Number of stored entries.</summary>
    public long NonZeros => RowOffsets[Rows];

    /// <summary>Stored entries as a share of m·n.</summary>
    public double Density => Rows == 0 || Cols == 0 ? 0 : NonZeros / ((double)Rows * Cols);

    /// <summary>Wraps (does not copy) CSR arrays after checking every invariant; a violation is an <see cref="InvalidInputException"/>.</summary>
    public CsrMatrix(int rows, int cols, long[] rowOffsets, int[] columnIndices, double[] values)
    {
        if (rows < 0 || cols < 0) throw new InvalidInputException($"a sparse matrix cannot be {rows}×{cols}: dimensions must be non-negative");
        ArgumentNullException.ThrowIfNull(rowOffsets);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rowOffsets.LongLength != rows + 1L)
            throw new InvalidInputException($"CSR row offsets have {rowOffsets.LongLength} entries, a matrix with {rows} rows needs {rows + 1L}");
        if (columnIndices.LongLength != values.LongLength)
            throw new InvalidInputException($"CSR has {columnIndices.LongLength} column indices but {values.LongLength} values");
        if (rowOffsets[0] != 0) throw new InvalidInputException($"CSR row offsets must start at 0, not {rowOffsets[0]}");
        if (rowOffsets[rows] != values.LongLength)
            throw new InvalidInputException($"CSR row offsets end at {rowOffsets[rows]}, not at the {values.LongLength} stored entries");
        for (int i = 0; i < rows; i++)
        {
            long start = rowOffsets[i], end = rowOffsets[i + 1];
            if (end < start) throw new InvalidInputException($"CSR row offsets decrease at row {i} ({start} then {end})");
            for (long p = start; p < end; p++)
            {
                int j = columnIndices[p];
                if (j < 0 || j >= cols) throw new InvalidInputException($"row {i} has column index {j}, outside 0..{cols - 1}");
                if (p > start && j <= columnIndices[p - 1])
                    throw new InvalidInputException($"row {i} has column indices out of order or repeated ({columnIndices[p - 1]} then {j})");
                if (!double.IsFinite(values[p])) throw new InvalidInputException($"entry ({i}, {j}) is {values[p]}: values must be finite");
            }
        }
        Rows = rows;
        Cols = cols;
        RowOffsets = rowOffsets;
        ColumnIndices = columnIndices;
        Values = values;
    }

    /// <summary>
    /// Builds a CSR matrix from coordinate (COO) triplets in any order, summing duplicates as scipy's
    /// <c>coo_matrix.tocsr()</c> does. Indices out of range and non-finite values are refused.
    /// </summary>
    public static CsrMatrix FromCoordinates(int rows, int cols, ReadOnlySpan<int> rowIndices, ReadOnlySpan<int> columnIndices, ReadOnlySpan<double> values)
    {
        if (rows < 0 || cols < 0) throw new InvalidInputException($"a sparse matrix cannot be {rows}×{cols}: dimensions must be non-negative");
        if (rowIndices.Length != columnIndices.Length || rowIndices.Length != values.Length)
            throw new ArgumentException("row indices, column indices and values must have the same length");
        var counts = new long[rows + 1];
        for (int t = 0; t < rowIndices.Length; t++)
        {
            int i = rowIndices[t], j = columnIndices[t];
            if (i < 0 || i >= rows) throw new InvalidInputException($"entry {t + 1} has row index {i}, outside 0..{rows - 1}");
            if (j < 0 || j >= cols) throw new InvalidInputException($"entry {t + 1} has column index {j}, outside 0..{cols - 1}");
            if (!double.IsFinite(values[t])) throw new InvalidInputException($"entry {t + 1} ({i}, {j}) is {values[t]}: values must be finite");
            counts[i + 1]++;
        }
        for (int i = 0; i < rows; i++) counts[i + 1] += counts[i];
        var next = (long[])counts.Clone();
        var cols0 = new int[rowIndices.Length];
        var vals0 = new double[rowIndices.Length];
        for (int t = 0; t < rowIndices.Length; t++)
        {
            long p = next[rowIndices[t]]++;
            cols0[p] = columnIndices[t];
            vals0[p] = values[t];
        }
        // Sort each row by column and sum duplicates, compacting in place.
        var offsets = new long[rows + 1];
        long write = 0;
        for (int i = 0; i < rows; i++)
        {
            long start = counts[i], end = counts[i + 1];
            int length = (int)(end - start);
            Array.Sort(cols0, vals0, (int)start, length);
            offsets[i] = write;
            for (long p = start; p < end; p++)
            {
                if (write > offsets[i] && cols0[write - 1] == cols0[p]) vals0[write - 1] += vals0[p];
                else
                {
                    cols0[write] = cols0[p];
                    vals0[write] = vals0[p];
                    write++;
                }
            }
        }
        offsets[rows] = write;
        return new CsrMatrix(rows, cols, offsets, cols0[..(int)write], vals0[..(int)write]);
    }

    /// <summary>The dense matrix, after checking that it fits in memory.</summary>
    public Matrix ToDense()
    {
        MemoryBudget.RequireMatrix(Rows, Cols, "the dense form of a sparse matrix");
        var dense = new Matrix(Rows, Cols);
        for (int i = 0; i < Rows; i++)
            for (long p = RowOffsets[i]; p < RowOffsets[i + 1]; p++)
                dense[i, ColumnIndices[p]] = Values[p];
        return dense;
    }

    /// <summary>Bytes of the three CSR arrays.</summary>
    public long StorageBytes => RowOffsets.LongLength * sizeof(long) + ColumnIndices.LongLength * sizeof(int) + Values.LongLength * sizeof(double);

    /// <summary>A·X by SpMM over row blocks on the backend's threads.</summary>
    public Matrix Multiply(Matrix x, ILinalgBackend backend) => SparseProducts.Multiply(this, x, backend.Threads);

    /// <summary>Aᵀ·Y without forming Aᵀ: per-part scatter accumulators, summed (see <see cref="SparseProducts.MultiplyTransposed"/>).</summary>
    public Matrix MultiplyTransposed(Matrix y, ILinalgBackend backend) => SparseProducts.MultiplyTransposed(this, y, backend.Threads);

    /// <summary>y = A·x in place, rows in parallel (<see cref="SparseProducts.MultiplyVector"/>).</summary>
    public void MultiplyVector(ReadOnlyMemory<double> x, Memory<double> y, ILinalgBackend backend) => SparseProducts.MultiplyVector(this, x, y, backend.Threads);

    /// <summary>z = Aᵀ·y in place (<see cref="SparseProducts.MultiplyTransposedVector"/>).</summary>
    public void MultiplyTransposedVector(ReadOnlyMemory<double> y, Memory<double> z, ILinalgBackend backend) => SparseProducts.MultiplyTransposedVector(this, y, z, backend.Threads);

    /// <summary>Y = A·X and W = Aᵀ·Y in one pass over the entries (<see cref="SparseProducts.MultiplyThenTransposed"/>); a given Y is overwritten.</summary>
    public (Matrix Y, Matrix W) MultiplyThenTransposed(Matrix x, ILinalgBackend backend, Matrix? y = null, Matrix? w = null) =>
        SparseProducts.MultiplyThenTransposed(this, x, backend.Threads, y, w);


    /// <summary>‖A‖_F² over the stored values (overflow-safe).</summary>
    public double SquaredFrobeniusNorm()
    {
        double norm = EuclideanNorm.Of(Values);
        return norm * norm;
    }
}
