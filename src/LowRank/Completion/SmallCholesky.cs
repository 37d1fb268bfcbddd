namespace LowRank.Completion;

/// <summary>
/// Managed Cholesky factorisation and triangular solves for the small (k ≈ 10–30) symmetric positive definite
/// systems of ALS and of the Gibbs sampler, solved once per user and item per sweep (and the blend's ridge regression): at that size a call into LAPACK costs
/// more than the arithmetic. Matrices are k×k, row-major, in a span; only the lower triangle is read or written.
/// </summary>
internal static class SmallCholesky
{
    /// <summary>A = L·Lᵀ in place (Cholesky–Banachiewicz, row by row, each sum one vectorised dot product): L in the lower triangle. False if A is not positive definite.</summary>
    public static bool Factor(Span<double> a, int k)
    {
        for (int i = 0; i < k; i++)
        {
            var rowI = a.Slice(i * k, k);
            for (int j = 0; j <= i; j++)
            {
                var rowJ = a.Slice(j * k, k);
                double sum = rowI[j] - SmallDense.Dot(rowI[..j], rowJ[..j]);
                if (i == j)
                {
                    if (!(sum > 0)) return false;
                    rowI[i] = Math.Sqrt(sum);
                }
                else
                {
                    rowI[j] = sum / rowJ[j];
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Solves A·x = b for a symmetric positive definite k×k A (overwritten by its Cholesky factor L, A = LLᵀ);
    /// b is overwritten by x. Returns false when A is not numerically positive definite.
    /// </summary>
    public static bool Solve(Span<double> a, int k, Span<double> b)
    {
        if (!Factor(a, k)) return false;
        SolveLower(a, k, b);
        SolveLowerTranspose(a, k, b);
        return true;
    }

    /// <summary>x ← L⁻¹·x (forward substitution).</summary>
    public static void SolveLower(ReadOnlySpan<double> l, int k, Span<double> x)
    {
        for (int i = 0; i < k; i++)
        {
            var row = l.Slice(i * k, k);
            x[i] = (x[i] - SmallDense.Dot(row[..i], x[..i])) / row[i];
        }
    }

    /// <summary>x ← L⁻ᵀ·x (back substitution with the transpose).</summary>
    public static void SolveLowerTranspose(ReadOnlySpan<double> l, int k, Span<double> x)
    {
        for (int i = k - 1; i >= 0; i--)
        {
            double sum = x[i];
            for (int p = i + 1; p < k; p++) sum -= l[p * k + i] * x[p];
            x[i] = sum / l[i * k + i];
        }
    }
}
