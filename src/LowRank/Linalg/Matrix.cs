namespace LowRank.Linalg;

/// <summary>
/// A dense real matrix stored column-major (LAPACK layout): entry (i, j) lives at <c>Data[i + j * Rows]</c>.
/// The storage is exposed as a span so that kernels can hand it to BLAS/LAPACK without copying.
/// As an <see cref="ILinearOperator"/> its products are one gemm each.
/// </summary>
public sealed class Matrix : IMixedPrecisionProducts
{
    /// <summary>Column-major storage, length <see cref="Rows"/> × <see cref="Cols"/>.</summary>
    public double[] Data { get; }

    public int Rows { get; }

    public int Cols { get; }

    public Matrix(int rows, int cols)
        : this(rows, cols, new double[CheckedLength(rows, cols)])
    {
    }

    /// <summary>Wraps (does not copy) a column-major array.</summary>
    public Matrix(int rows, int cols, double[] columnMajor)
    {
        if (columnMajor.LongLength != CheckedLength(rows, cols))
            throw new ArgumentException($"storage has {columnMajor.LongLength} entries, a {rows}×{cols} matrix needs {(long)rows * cols}");
        Rows = rows;
        Cols = cols;
        Data = columnMajor;
    }

    public double this[int i, int j]
    {
        get => Data[i + j * Rows];
        set => Data[i + j * Rows] = value;
    }

    public int MinDimension => Math.Min(Rows, Cols);

    public Span<double> Column(int j) => Data.AsSpan(j * Rows, Rows);

    public static Matrix Identity(int n)
    {
        var m = new Matrix(n, n);
        for (int i = 0; i < n; i++) m[i, i] = 1;
        return m;
    }

    public static Matrix FromArray(double[,] values)
    {
        int rows = values.GetLength(0), cols = values.GetLength(1);
        var m = new Matrix(rows, cols);
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < rows; i++)
                m[i, j] = values[i, j];
        return m;
    }

    /// <summary>Builds a matrix from rows of equal length.</summary>
    public static Matrix FromRows(IReadOnlyList<double[]> rows)
    {
        int cols = rows.Count == 0 ? 0 : rows[0].Length;
        var m = new Matrix(rows.Count, cols);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != cols)
                throw new ArgumentException($"row {i} has {rows[i].Length} entries, row 0 has {cols}");
            for (int j = 0; j < cols; j++) m[i, j] = rows[i][j];
        }
        return m;
    }

    /// <summary>Copies a row-major buffer (C order, as numpy stores by default).</summary>
    public static Matrix FromRowMajor(int rows, int cols, ReadOnlySpan<double> rowMajor)
    {
        var m = new Matrix(rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                m.Data[i + j * rows] = rowMajor[i * cols + j];
        return m;
    }

    public double[,] ToArray()
    {
        var a = new double[Rows, Cols];
        for (int j = 0; j < Cols; j++)
            for (int i = 0; i < Rows; i++)
                a[i, j] = this[i, j];
        return a;
    }

    public double[][] ToJagged()
    {
        var a = new double[Rows][];
        for (int i = 0; i < Rows; i++)
        {
            a[i] = new double[Cols];
            for (int j = 0; j < Cols; j++) a[i][j] = this[i, j];
        }
        return a;
    }

    /// <summary>A Math.NET dense matrix sharing no storage with this one (Math.NET is column-major too).</summary>
    public MathNet.Numerics.LinearAlgebra.Matrix<double> ToMathNet() =>
        MathNet.Numerics.LinearAlgebra.Double.DenseMatrix.OfColumnMajor(Rows, Cols, (double[])Data.Clone());

    public static Matrix FromMathNet(MathNet.Numerics.LinearAlgebra.Matrix<double> m) =>
        new(m.RowCount, m.ColumnCount, m.ToColumnMajorArray());

    public Matrix Clone() => new(Rows, Cols, (double[])Data.Clone());

    public Matrix Transpose()
    {
        var t = new Matrix(Cols, Rows);
        const int block = 32;
        for (int jb = 0; jb < Cols; jb += block)
            for (int ib = 0; ib < Rows; ib += block)
                for (int j = jb; j < Math.Min(jb + block, Cols); j++)
                    for (int i = ib; i < Math.Min(ib + block, Rows); i++)
                        t.Data[j + i * Cols] = Data[i + j * Rows];
        return t;
    }

    /// <summary>The first <paramref name="count"/> columns, copied.</summary>
    public Matrix LeadingColumns(int count) => new(Rows, count, Data.AsSpan(0, Rows * count).ToArray());

    /// <summary>The first <paramref name="count"/> rows, copied.</summary>
    public Matrix LeadingRows(int count)
    {
        var m = new Matrix(count, Cols);
        for (int j = 0; j < Cols; j++) Data.AsSpan(j * Rows, count).CopyTo(m.Data.AsSpan(j * count, count));
        return m;
    }

    public double FrobeniusNorm() => EuclideanNorm.Of(Data);

    public bool AllFinite()
    {
        foreach (double x in Data)
            if (!double.IsFinite(x)) return false;
        return true;
    }

    /// <summary>Bytes of the column-major storage.</summary>
    public long StorageBytes => BytesFor(Rows, Cols);

    /// <summary>A·X by one gemm.</summary>
    public Matrix Multiply(Matrix x, ILinalgBackend backend) => backend.Multiply(this, x);

    /// <summary>Aᵀ·Y by one gemm (transposed operand; Aᵀ is never formed).</summary>
    public Matrix MultiplyTransposed(Matrix y, ILinalgBackend backend) => backend.Multiply(this, y, transA: true);

    /// <summary>
    /// A·X (with <paramref name="transposed"/>, Aᵀ·X) by one gemm written over <paramref name="target"/>: the range
    /// finder's products into buffers it reuses, since a new array per product is faulted in page by page
    /// (docs/benchmarks.md, "Fresh pages and gemm shapes").
    /// </summary>
    public void MultiplyInto(Matrix x, Matrix target, ILinalgBackend backend, bool transposed = false)
    {
        int outRows = transposed ? Cols : Rows, inner = transposed ? Rows : Cols, b = x.Cols;
        if (x.Rows != inner) throw new ArgumentException($"A{(transposed ? "ᵀ" : "")} is {outRows}×{inner} but X has {x.Rows} rows");
        if (target.Rows != outRows || target.Cols != b) throw new ArgumentException($"the product is {outRows}×{b}, the target {target.Rows}×{target.Cols}");
        if (ReferenceEquals(target, x) || ReferenceEquals(target, this)) throw new ArgumentException("the target must not be an operand of the product");
        backend.Gemm(transposed, false, outRows, b, inner, 1.0, Data, Math.Max(1, Rows), x.Data, Math.Max(1, x.Rows), 0.0, target.Data, Math.Max(1, outRows));
    }

    /// <summary>y = A·x in place by one gemv.</summary>
    public void MultiplyVector(ReadOnlyMemory<double> x, Memory<double> y, ILinalgBackend backend) =>
        backend.Gemm(false, false, Rows, 1, Cols, 1.0, Data, Math.Max(1, Rows), x.Span, Math.Max(1, Cols), 0.0, y.Span, Math.Max(1, Rows));

    /// <summary>z = Aᵀ·y in place by one gemv (transposed operand).</summary>
    public void MultiplyTransposedVector(ReadOnlyMemory<double> y, Memory<double> z, ILinalgBackend backend) =>
        backend.Gemm(true, false, Cols, 1, Rows, 1.0, Data, Math.Max(1, Rows), y.Span, Math.Max(1, Rows), 0.0, z.Span, Math.Max(1, Cols));

    /// <summary>Always: the entries are float64.</summary>
    public bool HoldsDouble => true;

    /// <summary>
    /// <see cref="IMixedPrecisionProducts.MultiplyThenTransposedInSingle"/>: stretches of rows rounded to float32 a
    /// cache-sized chunk at a time (<see cref="SinglePrecisionPass"/>), so no float32 copy of the matrix is kept.
    /// </summary>
    public Matrix MultiplyThenTransposedInSingle(Matrix x, ILinalgBackend backend, Matrix y, bool transposedInDouble, Matrix? w = null)
    {
        if (x.Rows != Cols) throw new ArgumentException($"A is {Rows}×{Cols} but X has {x.Rows} rows");
        if (y.Rows != Rows || y.Cols != x.Cols || ReferenceEquals(y, x)) throw new ArgumentException($"Y must be {Rows}×{x.Cols} and not X, not {y.Rows}×{y.Cols}");
        w = ClearedOrNew(w, Cols, x.Cols, "W", x);
        var pass = new SinglePrecisionPass(x, y, w, transposedInDouble, backend);
        pass.AddRows(0, Rows, Data, rowMajor: false, Math.Max(1, Rows));
        pass.Finish();
        return w;
    }

    /// <summary>
    /// A rows × cols matrix of zeros: <paramref name="buffer"/>, cleared, when one is given (it must have that shape and
    /// must not be the product's <paramref name="input"/>, which clearing it would destroy; <paramref name="name"/>
    /// names it in the error), else a new matrix — for products written into a caller's buffer.
    /// </summary>
    public static Matrix ClearedOrNew(Matrix? buffer, int rows, int cols, string name, Matrix input)
    {
        if (buffer is null) return new Matrix(rows, cols);
        if (ReferenceEquals(buffer, input)) throw new ArgumentException($"{name} must not be the product's input");
        if (buffer.Rows != rows || buffer.Cols != cols) throw new ArgumentException($"{name} must be {rows}×{cols}, not {buffer.Rows}×{buffer.Cols}");
        Array.Clear(buffer.Data);
        return buffer;
    }

    /// <summary>‖A‖_F², from the overflow-safe norm.</summary>
    public double SquaredFrobeniusNorm()
    {
        double norm = FrobeniusNorm();
        return norm * norm;
    }

    /// <summary>Bytes a rows × cols double matrix needs, without allocating it.</summary>
    public static long BytesFor(long rows, long cols) => rows * cols * sizeof(double);

    private static int CheckedLength(int rows, int cols)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(nameof(rows), "dimensions must be non-negative");
        long n = (long)rows * cols;
        if (n > Array.MaxLength)
            throw new InvalidInputException($"a {rows}×{cols} matrix has {n:N0} entries, more than one .NET array holds ({Array.MaxLength:N0})");
        return (int)n;
    }
}
