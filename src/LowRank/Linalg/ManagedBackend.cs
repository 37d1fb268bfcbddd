using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace LowRank.Linalg;

/// <summary>
/// The fallback backend on Math.NET Numerics' managed provider: correct everywhere, 15–25× slower than
/// OpenBLAS for large products. Thin SVDs of tall or wide matrices go through a thin QR first (as LAPACK's
/// dgesdd does for very tall inputs), so that Math.NET never forms the full m×m factor U.
/// </summary>
public sealed class ManagedBackend : ILinalgBackend
{
    public string Name => "managed";

    public string Library => "Math.NET Numerics (managed provider)";

    public int Threads
    {
        get => MathNet.Numerics.Control.MaxDegreeOfParallelism;
        set => MathNet.Numerics.Control.MaxDegreeOfParallelism = Math.Max(1, value);
    }

    public void Gemm(bool transA, bool transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc) =>
        Gemm<double>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    public void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        Gemm<float>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    private static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : struct, IEquatable<T>, IFormattable, System.Numerics.INumber<T>
    {
        KernelArguments.Gemm(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        var opA = Operand(a, lda, transA ? k : m, transA ? m : k, transA);
        var opB = Operand(b, ldb, transB ? n : k, transB ? k : n, transB);
        var product = opA * opB;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++)
            {
                ref T cij = ref c[i + j * ldc];
                cij = alpha * product[i, j] + (T.IsZero(beta) ? T.Zero : beta * cij);
            }
    }

    /// <summary>op(X) as a Math.NET matrix, from a stored block of <paramref name="rows"/>×<paramref name="cols"/> with leading dimension ld.</summary>
    private static Matrix<T> Operand<T>(ReadOnlySpan<T> x, int ld, int rows, int cols, bool transpose)
        where T : struct, IEquatable<T>, IFormattable
    {
        var data = new T[rows * cols];
        for (int j = 0; j < cols; j++) x.Slice(j * ld, rows).CopyTo(data.AsSpan(j * rows, rows));
        var stored = Matrix<T>.Build.Dense(rows, cols, data);
        return transpose ? stored.Transpose() : stored;
    }

    public (Matrix? U, double[] S, Matrix? VT) Svd(Matrix a, bool computeVectors)
    {
        if (a.Rows < a.Cols)
        {
            // A = U S Vᵀ  ⇔  Aᵀ = V S Uᵀ.
            var (ut, st, vtt) = Svd(a.Transpose(), computeVectors);
            return (vtt?.Transpose(), st, ut?.Transpose());
        }
        if (a.Cols == 0) return (computeVectors ? new Matrix(a.Rows, 0) : null, [], computeVectors ? new Matrix(0, 0) : null);
        var dense = DenseMatrix.OfColumnMajor(a.Rows, a.Cols, a.Data);
        Matrix<double>? q = null;
        Matrix<double> square = dense;
        if (a.Rows > a.Cols)
        {
            var qr = dense.QR(QRMethod.Thin);
            q = qr.Q;
            square = qr.R;
        }
        Svd<double> svd = square.Svd(computeVectors);
        double[] s = svd.S.ToArray();
        if (!computeVectors) return (null, s, null);
        var u = q is null ? svd.U : q * svd.U;
        return (Matrix.FromMathNet(u), s, Matrix.FromMathNet(svd.VT));
    }

    public Matrix OrthonormalColumns(Matrix a)
    {
        if (a.Cols > a.Rows) throw new ArgumentException($"OrthonormalColumns needs rows ≥ columns, got {a.Rows}×{a.Cols}");
        if (a.Cols == 0) return a;
        return Matrix.FromMathNet(DenseMatrix.OfColumnMajor(a.Rows, a.Cols, a.Data).QR(QRMethod.Thin).Q);
    }

    public bool Cholesky(Matrix g)
    {
        if (g.Rows != g.Cols) throw new ArgumentException($"Cholesky needs a square matrix, got {g.Rows}×{g.Cols}");
        int n = g.Rows;
        // Right-looking Cholesky on the upper triangle: r_jj = √(g_jj − Σ_{k<j} r_kj²), r_ji = (g_ji − Σ_{k<j} r_kj r_ki) / r_jj.
        for (int j = 0; j < n; j++)
        {
            double d = g[j, j];
            for (int k = 0; k < j; k++) d -= g[k, j] * g[k, j];
            if (!(d > 0)) return false;
            double rjj = Math.Sqrt(d);
            g[j, j] = rjj;
            for (int i = j + 1; i < n; i++)
            {
                double x = g[j, i];
                for (int k = 0; k < j; k++) x -= g[k, j] * g[k, i];
                g[j, i] = x / rjj;
            }
            for (int i = j + 1; i < n; i++) g[i, j] = 0;
        }
        return true;
    }

    public void SolveUpperTriangularRight(Matrix r, Matrix y)
    {
        KernelArguments.SolveUpperTriangularRight(r, y);
        // Column by column: y_j ← (y_j − Σ_{k<j} r_kj y_k) / r_jj.
        for (int j = 0; j < y.Cols; j++)
        {
            var yj = y.Column(j);
            for (int k = 0; k < j; k++)
            {
                double rkj = r[k, j];
                if (rkj == 0) continue;
                var yk = y.Column(k);
                for (int i = 0; i < yj.Length; i++) yj[i] -= rkj * yk[i];
            }
            double d = r[j, j];
            for (int i = 0; i < yj.Length; i++) yj[i] /= d;
        }
    }

    public (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a)
    {
        if (a.Rows != a.Cols) throw new ArgumentException($"SymmetricEigen needs a square matrix, got {a.Rows}×{a.Cols}");
        var evd = DenseMatrix.OfColumnMajor(a.Rows, a.Cols, a.Data).Evd(Symmetricity.Symmetric);
        double[] values = evd.EigenValues.Select(z => z.Real).ToArray();
        int[] order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var vectors = new Matrix(a.Rows, a.Cols);
        for (int j = 0; j < order.Length; j++)
            for (int i = 0; i < a.Rows; i++)
                vectors[i, j] = evd.EigenVectors[i, order[j]];
        return (order.Select(i => values[i]).ToArray(), vectors);
    }
}
