using LowRank.Linalg;
using LowRank.Linalg.Sparse;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Sparse;

public class SparseProductTests
{
    /// <summary>
    /// SpMM and SpMMᵀ equal the dense products to rounding, for single vectors and blocks (odd widths exercise the
    /// vector tail); the larger matrices have enough entries for several row blocks and per-thread accumulators, and
    /// 5000 columns cut a 13-wide block into column panels of 6, 6 and 1 (the block and the vector kernels).
    /// </summary>
    [Theory]
    [InlineData(311, 173, 1)]
    [InlineData(311, 173, 7)]
    [InlineData(2000, 900, 1)]
    [InlineData(2000, 900, 13)]
    [InlineData(2000, 5000, 13)]
    public void ProductsMatchDense(int m, int n, int b)
    {
        var a = SparseTestMatrices.Random(m, n, 0.04, 4);
        var dense = a.ToDense();
        var backend = Backends.Current;
        var x = TestMatrices.Random(n, b, 5);
        var y = TestMatrices.Random(m, b, 6);
        Assert.True(TestMatrices.MaxAbsDiff(a.Multiply(x, backend), TestMatrices.NaiveProduct(dense, x)) < 1e-12);
        Assert.True(TestMatrices.MaxAbsDiff(a.MultiplyTransposed(y, backend), TestMatrices.NaiveProduct(dense.Transpose(), y)) < 1e-12);
    }

    /// <summary>
    /// The single-vector transposed products rent their per-part accumulators from the shared pool, where an array comes
    /// back as the last product left it (and possibly longer): alternating two matrices of different widths and several
    /// vectors, with four parts, every Aᵀ·y and fused Aᵀ·(A·x) still equals the dense product.
    /// </summary>
    [Fact]
    public void TransposedVectorProductsDoNotSeeThePreviousProductsAccumulators()
    {
        var matrices = new[] { SparseTestMatrices.Random(4000, 900, 0.03, 21), SparseTestMatrices.Random(3000, 700, 0.04, 22) };
        var denses = matrices.Select(a => a.ToDense()).ToArray();
        for (int round = 0; round < 3; round++)
            for (int which = 0; which < 2; which++)
            {
                var (a, dense) = (matrices[which], denses[which]);
                var y = TestMatrices.Random(a.Rows, 1, 30 + 2 * round + which);
                var z = Enumerable.Repeat(double.NaN, a.Cols).ToArray();
                SparseProducts.MultiplyTransposedVector(a, y.Data, z, threads: 4);
                Assert.True(TestMatrices.MaxAbsDiff(new Matrix(a.Cols, 1, z), TestMatrices.NaiveProduct(dense.Transpose(), y)) < 1e-11);

                var x = TestMatrices.Random(a.Cols, 1, 40 + 2 * round + which);
                var t = new double[a.Rows];
                var s = Enumerable.Repeat(double.NaN, a.Cols).ToArray();
                SparseProducts.MultiplyThenTransposedVector(a, x.Data, t, s, threads: 4);
                var expected = TestMatrices.NaiveProduct(dense.Transpose(), TestMatrices.NaiveProduct(dense, x));
                Assert.True(TestMatrices.MaxAbsDiff(new Matrix(a.Cols, 1, s), expected) < 1e-10);
            }
    }

    /// <summary>
    /// The fused one-vector pass t = A·x, s = Aᵀ·t equals the two dense products, on a matrix with empty rows and
    /// columns (every third row and fifth column cleared) and on one large enough for several scatter parts. The block
    /// form Y = A·X, W = Aᵀ·Y likewise, into a given (reused) Y, at widths with and without a vector tail, and with 5000
    /// columns cut into panels of 6 and a rest of 1 or 2.
    /// </summary>
    [Theory]
    [InlineData(311, 173, 0.04)]
    [InlineData(4000, 900, 0.03)]
    [InlineData(3000, 5000, 0.004)]
    public void FusedProductMatchesDense(int m, int n, double density)
    {
        var backend = Backends.Current;
        var full = SparseTestMatrices.Random(m, n, density, 12);
        var dense = full.ToDense();
        for (int i = 0; i < m; i += 3)
            for (int j = 0; j < n; j++) dense[i, j] = 0;
        for (int j = 0; j < n; j += 5)
            for (int i = 0; i < m; i++) dense[i, j] = 0;
        var a = Sparse(dense);
        var x = TestMatrices.Random(n, 1, 13);
        var expectedT = TestMatrices.NaiveProduct(dense, x);
        var expectedS = TestMatrices.NaiveProduct(dense.Transpose(), expectedT);
        var t = Enumerable.Repeat(double.NaN, m).ToArray();
        var s = Enumerable.Repeat(double.NaN, n).ToArray();
        SparseProducts.MultiplyThenTransposedVector(a, x.Data, t, s, backend.Threads);
        Assert.True(TestMatrices.MaxAbsDiff(new Matrix(m, 1, t), expectedT) < 1e-12);
        Assert.True(TestMatrices.MaxAbsDiff(new Matrix(n, 1, s), expectedS) < 1e-11);
        foreach (int b in new[] { 1, 7, 8 })
        {
            var block = TestMatrices.Random(n, b, 15);
            var given = new Matrix(m, b, Enumerable.Repeat(double.NaN, m * b).ToArray()); // a reused buffer is overwritten
            var (y, w) = a.MultiplyThenTransposed(block, backend, given);
            Assert.Same(given, y);
            var expectedY = TestMatrices.NaiveProduct(dense, block);
            Assert.True(TestMatrices.MaxAbsDiff(y, expectedY) < 1e-12);
            Assert.True(TestMatrices.MaxAbsDiff(w, TestMatrices.NaiveProduct(dense.Transpose(), expectedY)) < 1e-11);
        }
    }

    /// <summary>The CSR form of a dense matrix (its nonzero entries).</summary>
    private static CsrMatrix Sparse(Matrix dense)
    {
        var rows = new List<int>();
        var cols = new List<int>();
        var values = new List<double>();
        for (int i = 0; i < dense.Rows; i++)
            for (int j = 0; j < dense.Cols; j++)
                if (dense[i, j] != 0)
                {
                    rows.Add(i);
                    cols.Add(j);
                    values.Add(dense[i, j]);
                }
        return CsrMatrix.FromCoordinates(dense.Rows, dense.Cols, rows.ToArray(), cols.ToArray(), values.ToArray());
    }

    [Fact]
    public void EmptyRowsAndColumnsAndNoEntries()
    {
        var backend = Backends.Current;
        var empty = new CsrMatrix(5, 4, new long[6], [], []);
        Assert.Equal(0, empty.Multiply(TestMatrices.Random(4, 3, 1), backend).FrobeniusNorm());
        Assert.Equal(0, empty.MultiplyTransposed(TestMatrices.Random(5, 3, 1), backend).FrobeniusNorm());
        Assert.Equal(0, empty.SquaredFrobeniusNorm());
        var (y, w) = empty.MultiplyThenTransposed(TestMatrices.Random(4, 3, 1), backend);
        Assert.Equal(0, y.FrobeniusNorm() + w.FrobeniusNorm());
        var t = new double[] { 1, 2, 3, 4, 5 };
        var s = new double[] { 1, 2, 3, 4 };
        SparseProducts.MultiplyThenTransposedVector(empty, TestMatrices.Random(4, 1, 1).Data, t, s, backend.Threads);
        Assert.Equal(new double[5], t);
        Assert.Equal(new double[4], s);
    }

    [Fact]
    public void SquaredFrobeniusNormMatchesDense()
    {
        var a = SparseTestMatrices.Random(50, 40, 0.1, 8);
        double dense = a.ToDense().FrobeniusNorm();
        Assert.Equal(dense * dense, a.SquaredFrobeniusNorm(), 1e-10);
        Assert.Equal(dense * dense, a.ToDense().SquaredFrobeniusNorm(), 1e-10);
    }

    /// <summary>The centred operator applies A − 1μᵀ and its transpose exactly as the explicitly centred dense matrix does.</summary>
    [Fact]
    public void CenteredOperatorMatchesExplicitCentring()
    {
        var backend = new ManagedBackend();
        var a = SparseTestMatrices.Random(60, 25, 0.2, 9);
        var centred = new CenteredOperator(a, backend);
        var explicitCentred = Centre(a.ToDense());
        var x = TestMatrices.Random(25, 3, 1);
        var y = TestMatrices.Random(60, 3, 2);
        Assert.True(TestMatrices.MaxAbsDiff(centred.Multiply(x, backend), TestMatrices.NaiveProduct(explicitCentred, x)) < 1e-12);
        Assert.True(TestMatrices.MaxAbsDiff(centred.MultiplyTransposed(y, backend), TestMatrices.NaiveProduct(explicitCentred.Transpose(), y)) < 1e-12);
        double norm = explicitCentred.FrobeniusNorm();
        Assert.Equal(norm * norm, centred.SquaredFrobeniusNorm(), 1e-9);
        Assert.True(TestMatrices.MaxAbsDiff(centred.ToDense(backend), explicitCentred) < 1e-12);
    }

    /// <summary>
    /// Means of 10⁶ against a spread of about 1: ‖A − 1μᵀ‖_F² keeps its digits on dense and CSR storage (‖A‖_F² − m‖μ‖²
    /// would keep about 4 of them).
    /// </summary>
    [Fact]
    public void CentredNormKeepsItsDigitsWhenTheMeansDominate()
    {
        var backend = new ManagedBackend();
        var dense = TestMatrices.Random(80, 30, 3);
        foreach (ref double v in dense.Data.AsSpan()) v += 1e6;
        var rows = new List<int>();
        var cols = new List<int>();
        var values = new List<double>();
        for (int j = 0; j < dense.Cols; j++)
            for (int i = 0; i < dense.Rows; i++)
                if ((i + j) % 3 != 0)
                {
                    rows.Add(i);
                    cols.Add(j);
                    values.Add(dense[i, j]);
                }
        var sparse = LowRank.Linalg.Sparse.CsrMatrix.FromCoordinates(dense.Rows, dense.Cols, rows.ToArray(), cols.ToArray(), values.ToArray());
        foreach (ILinearOperator a in new ILinearOperator[] { dense, sparse })
        {
            var reference = Centre(a.ToDense(backend));
            double expected = 0;
            foreach (double v in reference.Data) expected += v * v;
            Assert.Equal(1.0, new CenteredOperator(a, backend).SquaredFrobeniusNorm() / expected, 10);
        }
    }

    /// <summary>A − 1μᵀ formed densely, the reference for the implicit centring.</summary>
    internal static Matrix Centre(Matrix a)
    {
        var c = a.Clone();
        for (int j = 0; j < c.Cols; j++)
        {
            var column = c.Column(j);
            double mean = 0;
            foreach (double v in column) mean += v;
            mean /= c.Rows;
            foreach (ref double v in column) v -= mean;
        }
        return c;
    }
}
