using LowRank.Linalg;

namespace LowRank.Approximation;

/// <summary>
/// Norms of the residual R = A − U·diag(S)·Vᵀ of a rank-k approximation, computed without forming R as a whole.
/// </summary>
public static class ResidualNorms
{
    /// <summary>
    /// ‖R‖_F exactly, one block of columns at a time: R_J = A_J − U·(diag(S)·Vᵀ)_J by gemm with β = 1, so the
    /// working memory is m × 256 however wide A is.
    /// </summary>
    public static double Frobenius(Matrix a, Matrix u, ReadOnlySpan<double> s, Matrix vt, ILinalgBackend backend)
    {
        int m = a.Rows, n = a.Cols, k = s.Length;
        var svt = ScaledRows(vt, s);
        const int block = 256;
        var buffer = new double[m * Math.Min(block, Math.Max(n, 1))];
        var norm = new EuclideanNorm();
        for (int j0 = 0; j0 < n; j0 += block)
        {
            int width = Math.Min(block, n - j0);
            var r = buffer.AsSpan(0, m * width);
            a.Data.AsSpan(j0 * m, m * width).CopyTo(r);
            backend.Gemm(false, false, m, width, k, -1.0, u.Data, m, svt.Data.AsSpan(j0 * k), k, 1.0, r, m);
            norm.Add(r);
        }
        return norm.Value;
    }

    /// <summary>
    /// An estimate of ‖R‖₂ by block power iteration on RᵀR (Golub &amp; Van Loan, Matrix Computations, 4th ed.,
    /// §8.2.1 and §10.1), applying R and Rᵀ as Rx = Ax − U(S(Vᵀx)) and Rᵀy = Aᵀy − V(S(Uᵀy)). Stops when the
    /// estimate changes by less than <paramref name="tolerance"/> relative, or after <paramref name="maxIterations"/>.
    /// The estimate is σ_max(R·X) for an orthonormal X, a lower bound that increases to ‖R‖₂.
    /// </summary>
    public static double SpectralEstimate(ILinearOperator a, Matrix u, ReadOnlySpan<double> s, Matrix vt, ILinalgBackend backend,
        int seed = 0, int blockSize = 4, int maxIterations = 30, double tolerance = 1e-4)
    {
        int m = a.Rows, n = a.Cols;
        int b = Math.Min(blockSize, Math.Min(m, n));
        if (b == 0) return 0;
        var svt = ScaledRows(vt, s);
        var us = ScaledColumns(u, s);
        var x = backend.OrthonormalColumns(Gaussian.Matrix(n, b, new Random(seed)));
        double estimate = 0;
        for (int it = 0; it < maxIterations; it++)
        {
            var y = ApplyResidual(a, u, svt, x, backend);
            double next = backend.Svd(y.Clone(), computeVectors: false).S[0];
            bool converged = it > 0 && Math.Abs(next - estimate) <= tolerance * next;
            estimate = next;
            if (converged || next == 0) break;
            x = backend.OrthonormalColumns(ApplyResidualTransposed(a, us, vt, y, backend));
        }
        return estimate;
    }

    /// <summary>R·X = A·X − U·((S·Vᵀ)·X).</summary>
    private static Matrix ApplyResidual(ILinearOperator a, Matrix u, Matrix svt, Matrix x, ILinalgBackend backend)
    {
        var y = a.Multiply(x, backend);
        var small = backend.Multiply(svt, x);
        backend.Gemm(false, false, a.Rows, x.Cols, u.Cols, -1.0, u.Data, u.Rows, small.Data, small.Rows, 1.0, y.Data, y.Rows);
        return y;
    }

    /// <summary>Rᵀ·Y = Aᵀ·Y − V·((U·S)ᵀ·Y).</summary>
    private static Matrix ApplyResidualTransposed(ILinearOperator a, Matrix us, Matrix vt, Matrix y, ILinalgBackend backend)
    {
        var z = a.MultiplyTransposed(y, backend);
        var small = backend.Multiply(us, y, transA: true);
        backend.Gemm(true, false, a.Cols, y.Cols, vt.Rows, -1.0, vt.Data, vt.Rows, small.Data, small.Rows, 1.0, z.Data, z.Rows);
        return z;
    }

    /// <summary>diag(S)·Vᵀ.</summary>
    internal static Matrix ScaledRows(Matrix vt, ReadOnlySpan<double> s)
    {
        var r = vt.Clone();
        for (int j = 0; j < r.Cols; j++)
            for (int i = 0; i < r.Rows; i++)
                r[i, j] *= s[i];
        return r;
    }

    /// <summary>U·diag(S).</summary>
    internal static Matrix ScaledColumns(Matrix u, ReadOnlySpan<double> s)
    {
        var r = u.Clone();
        for (int j = 0; j < r.Cols; j++)
            foreach (ref double x in r.Column(j)) x *= s[j];
        return r;
    }
}
