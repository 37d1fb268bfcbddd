using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// The single-pass sketch of Tropp, Yurtsever, Udell &amp; Cevher, "Streaming low-rank matrix approximation with an
/// application to scientific simulation", SIAM J. Sci. Comput. 41(4), 2019, §3–§6: Gaussian test matrices Υ (k×m),
/// Ω (k×n), Φ (s×m), Ψ (s×n) and Θ (q×m), and the linear sketches
/// X = ΥA (co-range), Y = AΩᵀ (range), Z = ΦAΨᵀ (core) and W = ΘA (error). Every sketch is linear in A, so the data may
/// arrive once, in any order of row blocks (<see cref="AddRows"/>), and the sketch of A + H is the sum of the sketches
/// of A and H (<see cref="Add"/>, the paper's linear update (2.3)). The test matrices depend only on the seed and the
/// shape: the columns of Υ, Φ and Θ belonging to row i are drawn from a generator seeded by (seed, i), so they are
/// regenerated for each block instead of stored, and Ω, Ψ are stored (n columns). Because Υ, Φ and Θ are drawn row by
/// row, the number of rows need not be known in advance: <see cref="AppendRows"/> extends the matrix (a stream whose
/// length is unknown, such as text on standard input), and a sketch saved with its seed (<see cref="Restore"/>) can be
/// updated later without the data it came from.
/// </summary>
public sealed class StreamingSketch
{
    private readonly Matrix _omega, _psi; // k×n, s×n
    private Matrix _range; // Y = AΩᵀ in the first Rows rows of a taller buffer while rows are appended
    private double[] _upsilon = [], _phi = [], _theta = [], _aPsi = []; // scratch reused from block to block

    /// <summary>An empty sketch (of the zero matrix) of an m×n matrix.</summary>
    public StreamingSketch(int rows, int cols, StreamingSketchSize size, int seed)
    {
        ArgumentNullException.ThrowIfNull(size);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Rows = rows;
        Cols = cols;
        Size = size;
        Seed = seed;
        var random = new Random(seed);
        _omega = Gaussian.Matrix(size.RangeSize, cols, random);
        _psi = Gaussian.Matrix(size.CoreSize, cols, random);
        _range = new Matrix(rows, size.RangeSize);
        CoRange = new Matrix(size.RangeSize, cols);
        Core = new Matrix(size.CoreSize, size.CoreSize);
        Error = new Matrix(size.ErrorSize, cols);
    }

    /// <summary>
    /// A sketch saved earlier (its four sketches, shape, sizes and seed): the test matrices are regenerated from the seed,
    /// so the sketch can take further rows (<see cref="AppendRows"/>) and updates (<see cref="AddRows"/>, <see cref="Add"/>)
    /// exactly as if it had never been saved.
    /// </summary>
    public static StreamingSketch Restore(int rows, int cols, StreamingSketchSize size, int seed, Matrix range, Matrix coRange, Matrix core, Matrix error)
    {
        var sketch = new StreamingSketch(0, cols, size, seed) { Rows = rows };
        foreach (var (name, given, r, c) in new[] { ("range", range, rows, size.RangeSize), ("co-range", coRange, size.RangeSize, cols),
                     ("core", core, size.CoreSize, size.CoreSize), ("error", error, size.ErrorSize, cols) })
            if (given.Rows != r || given.Cols != c)
                throw new InvalidInputException($"the {name} sketch is {given.Rows}×{given.Cols}; a {rows}×{cols} sketch with k = {size.RangeSize}, s = {size.CoreSize}, q = {size.ErrorSize} needs {r}×{c}");
        sketch._range = range.Clone();
        coRange.Data.CopyTo(sketch.CoRange.Data, 0);
        core.Data.CopyTo(sketch.Core.Data, 0);
        error.Data.CopyTo(sketch.Error.Data, 0);
        return sketch;
    }

    /// <summary>m: the rows sketched so far (grows with <see cref="AppendRows"/>).</summary>
    public int Rows { get; private set; }

    public int Cols { get; }

    public StreamingSketchSize Size { get; }

    /// <summary>The seed the test matrices are drawn from: sketches add only with the same seed.</summary>
    public int Seed { get; }

    /// <summary>Y = AΩᵀ, m×k.</summary>
    public Matrix Range
    {
        get
        {
            if (_range.Rows != Rows) _range = _range.LeadingRows(Rows);
            return _range;
        }
    }

    /// <summary>X = ΥA, k×n.</summary>
    public Matrix CoRange { get; }

    /// <summary>Z = ΦAΨᵀ, s×s.</summary>
    public Matrix Core { get; }

    /// <summary>W = ΘA, q×n.</summary>
    public Matrix Error { get; }

    /// <summary>Memory the sketch and its stored test matrices take, in bytes.</summary>
    public static long Bytes(int m, int n, StreamingSketchSize size) =>
        (size.Storage(m, n) + (long)size.ErrorSize * n + (long)(size.RangeSize + size.CoreSize) * n) * sizeof(double);

    /// <summary>
    /// Adds the contribution of rows [firstRow, firstRow + rowCount) of A, given row-major (as the n×rowCount column-major
    /// block Aᵢᵀ): Y rows += AᵢΩᵀ, X += Υᵢ·Aᵢ, W += Θᵢ·Aᵢ, Z += Φᵢ·(AᵢΨᵀ) — the update (2.3) for H = the block in place.
    /// </summary>
    public void AddRows(int firstRow, int rowCount, ReadOnlySpan<double> rowMajor, ILinalgBackend backend)
    {
        if (firstRow < 0 || rowCount < 0 || firstRow + rowCount > Rows) throw new ArgumentOutOfRangeException(nameof(rowCount), $"rows {firstRow}..{firstRow + rowCount} outside 0..{Rows}");
        if (rowMajor.Length != rowCount * Cols) throw new ArgumentException($"a block of {rowCount} rows of {Cols} has {rowCount * Cols} entries, not {rowMajor.Length}");
        if (rowCount == 0) return;
        int n = Cols, k = Size.RangeSize, s = Size.CoreSize, q = Size.ErrorSize;
        var (upsilon, phi, theta) = TestColumns(firstRow, rowCount);
        // Y_i = A_i·Ωᵀ (rows of Y), accumulated so that a block given twice adds up like any update.
        backend.Gemm(true, true, rowCount, k, n, 1.0, rowMajor, n, _omega.Data, k, 1.0, _range.Data.AsSpan(firstRow), _range.Rows);
        backend.Gemm(false, true, k, n, rowCount, 1.0, upsilon, k, rowMajor, n, 1.0, CoRange.Data, k);
        backend.Gemm(false, true, q, n, rowCount, 1.0, theta, q, rowMajor, n, 1.0, Error.Data, q);
        if (_aPsi.Length < rowCount * s) _aPsi = new double[rowCount * s];
        backend.Gemm(true, true, rowCount, s, n, 1.0, rowMajor, n, _psi.Data, s, 0.0, _aPsi, rowCount);
        backend.Gemm(false, false, s, s, rowCount, 1.0, phi, s, _aPsi, rowCount, 1.0, Core.Data, s);
    }

    /// <summary>
    /// Appends <paramref name="rowCount"/> rows (row-major) below the rows sketched so far: the matrix grows by these rows,
    /// for a stream whose length is not known in advance. The range sketch's buffer grows by doubling.
    /// </summary>
    public void AppendRows(int rowCount, ReadOnlySpan<double> rowMajor, ILinalgBackend backend)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        int first = Rows;
        long needed = (long)first + rowCount;
        if (needed > int.MaxValue) throw new InvalidInputException($"a stream of more than {int.MaxValue:N0} rows cannot be sketched");
        if (needed > _range.Rows)
        {
            var grown = new Matrix((int)Math.Min(int.MaxValue, Math.Max(needed, 2L * _range.Rows)), Size.RangeSize);
            for (int j = 0; j < Size.RangeSize; j++) _range.Data.AsSpan(j * _range.Rows, first).CopyTo(grown.Data.AsSpan(j * grown.Rows));
            _range = grown;
        }
        Rows = (int)needed;
        AddRows(first, rowCount, rowMajor, backend);
    }

    /// <summary>Adds the sketch of H (same shape, sizes and seed) to this one: the sketch of A + H (update (2.3) with θ = η = 1).</summary>
    public void Add(StreamingSketch h)
    {
        ArgumentNullException.ThrowIfNull(h);
        if (h.Rows != Rows || h.Cols != Cols || h.Size != Size || h.Seed != Seed)
            throw new ArgumentException("sketches add only with the same shape, sizes and seed (the same test matrices)");
        foreach (var (mine, theirs) in new[] { (Range, h.Range), (CoRange, h.CoRange), (Core, h.Core), (Error, h.Error) })
            for (int i = 0; i < mine.Data.Length; i++) mine.Data[i] += theirs.Data[i];
    }

    /// <summary>
    /// The rank-r approximation from the sketches (§4, formulas (4.2)–(4.4) and the fixed-rank truncation (5.7)):
    /// Q = orth(Y), P = orth(Xᵀ), C = (ΦQ)†·Z·((ΨP)†)ᵀ, Â_r = Q·[[C]]_r·Pᵀ; returned as its SVD U = Q·U_C, S, Vᵀ = (P·V_C)ᵀ,
    /// with the a-posteriori estimate of ‖A − Â_r‖_F from the error sketch (§6.1): err² ≈ ‖W − Θ·Â_r‖_F² / q, unbiased for
    /// Gaussian Θ.
    /// </summary>
    public StreamingApproximation Approximate(int rank, ILinalgBackend backend)
    {
        int k = Size.RangeSize;
        if (rank < 1 || rank > k) throw new InvalidInputException($"rank r = {rank} must be between 1 and the range sketch size k = {k}");
        if (Rows < k || Cols < Size.CoreSize)
            throw new InvalidInputException($"a {Rows:N0}×{Cols:N0} matrix is too small for a sketch with k = {k} and s = {Size.CoreSize} (it needs at least k rows and s columns); give a smaller storage budget");
        var q = Orthonormalization.Orthonormalize(Range, backend);
        var p = Orthonormalization.Orthonormalize(CoRange.Transpose(), backend);
        var leftInverse = PseudoInverse(ProductWithRowTests(q, theta: false, backend), backend);      // (ΦQ)†, k×s
        var rightInverse = PseudoInverse(backend.Multiply(_psi, p), backend);                         // (ΨP)†, k×s
        var c = backend.Multiply(backend.Multiply(leftInverse, Core), rightInverse, transB: true);
        var (uc, sc, vct) = backend.Svd(c, computeVectors: true);
        var u = backend.Multiply(q, uc!.LeadingColumns(rank));
        var vt = backend.Multiply(vct!.LeadingRows(rank), p, transB: true);
        var values = sc[..rank];
        SignConvention.Apply(u, vt);

        // W − Θ·Â_r = W − (ΘU)·diag(σ)·Vᵀ
        var thetaU = ProductWithRowTests(u, theta: true, backend);
        for (int j = 0; j < rank; j++)
            foreach (ref double x in thetaU.Column(j)) x *= values[j];
        var residual = Error.Clone();
        backend.Gemm(false, false, Size.ErrorSize, Cols, rank, -1.0, thetaU.Data, Size.ErrorSize, vt.Data, rank, 1.0, residual.Data, Size.ErrorSize);
        double estimate = residual.FrobeniusNorm() / Math.Sqrt(Size.ErrorSize);
        var svd = new SingularValueDecomposition(Rows, Cols, values, u, vt, SvdMethod.Randomized);
        return new StreamingApproximation(svd, estimate, Size);
    }

    /// <summary>B† = R⁻¹·Q_Bᵀ for a tall B = Q_B·R of full column rank (B is s×k, s ≥ k).</summary>
    private static Matrix PseudoInverse(Matrix b, ILinalgBackend backend)
    {
        var qb = Orthonormalization.Orthonormalize(b, backend);
        var r = backend.Multiply(qb, b, transA: true);
        var rInverse = Matrix.Identity(r.Rows);
        backend.SolveUpperTriangularRight(r, rInverse);
        return backend.Multiply(rInverse, qb, transB: true);
    }

    /// <summary>Rows of the test matrices regenerated at a time when they multiply a tall factor.</summary>
    private const int RegenerationRows = 2048;

    /// <summary>Φ·M (s×c) or Θ·M (q×c) for an m×c M, regenerating the test columns block of rows by block of rows.</summary>
    private Matrix ProductWithRowTests(Matrix m, bool theta, ILinalgBackend backend)
    {
        int height = theta ? Size.ErrorSize : Size.CoreSize, c = m.Cols;
        var result = new Matrix(height, c);
        for (int first = 0; first < Rows; first += RegenerationRows)
        {
            int count = Math.Min(RegenerationRows, Rows - first);
            var (_, phi, th) = TestColumns(first, count);
            backend.Gemm(false, false, height, c, count, 1.0, theta ? th : phi, height, m.Data.AsSpan(first), Rows, 1.0, result.Data, height);
        }
        return result;
    }

    /// <summary>
    /// The columns of Υ (k), Φ (s) and Θ (q) that belong to rows firstRow..firstRow + rowCount − 1, column-major with
    /// leading dimensions k, s and q, in scratch arrays reused from call to call.
    /// </summary>
    private (double[] Upsilon, double[] Phi, double[] Theta) TestColumns(int firstRow, int rowCount)
    {
        int k = Size.RangeSize, s = Size.CoreSize, q = Size.ErrorSize;
        if (_upsilon.Length < k * rowCount) _upsilon = new double[k * rowCount];
        if (_phi.Length < s * rowCount) _phi = new double[s * rowCount];
        if (_theta.Length < q * rowCount) _theta = new double[q * rowCount];
        for (int j = 0; j < rowCount; j++)
        {
            var random = new Random(RowSeed(firstRow + j));
            Gaussian.Fill(_upsilon.AsSpan(j * k, k), random);
            Gaussian.Fill(_phi.AsSpan(j * s, s), random);
            Gaussian.Fill(_theta.AsSpan(j * q, q), random);
        }
        return (_upsilon, _phi, _theta);
    }

    /// <summary>A seed for row i's test columns, the same in every process (a fixed 64-bit mix of the seed and i).</summary>
    private int RowSeed(int row)
    {
        ulong x = unchecked((ulong)(uint)Seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)row * 0xC2B2AE3D27D4EB4FUL);
        x ^= x >> 31;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 29;
        return (int)(x & 0x7FFFFFFF);
    }
}
