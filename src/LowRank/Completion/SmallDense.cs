using System.Numerics;

namespace LowRank.Completion;

/// <summary>
/// Kernels on vectors and matrices of a few dozen entries (a user's factors, a k×k normal-equation matrix), where a
/// call into BLAS/LAPACK would cost more than the arithmetic.
/// </summary>
internal static class SmallDense
{
    /// <summary>xᵀy, vectorised.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, i = 0;
        var acc = Vector<double>.Zero;
        for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            acc += new Vector<double>(x[i..]) * new Vector<double>(y[i..]);
        double sum = Vector.Sum(acc);
        for (; i < n; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>
    /// Solves A·x = b for a symmetric positive definite n×n A (row-major, overwritten by its Cholesky factor L, A = LLᵀ);
    /// b is overwritten by x. Returns false when A is not numerically positive definite.
    /// </summary>
    public static bool CholeskySolve(Span<double> a, Span<double> b, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int p = 0; p < j; p++) d -= a[j * n + p] * a[j * n + p];
            if (!(d > 0)) return false;
            d = Math.Sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int p = 0; p < j; p++) s -= a[i * n + p] * a[j * n + p];
                a[i * n + j] = s / d;
            }
        }
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int p = 0; p < i; p++) s -= a[i * n + p] * b[p];
            b[i] = s / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int p = i + 1; p < n; p++) s -= a[p * n + i] * b[p];
            b[i] = s / a[i * n + i];
        }
        return true;
    }
}
