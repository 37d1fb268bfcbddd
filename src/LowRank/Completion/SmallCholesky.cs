using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LowRank.Completion;

/// <summary>
/// Managed Cholesky factorisation and triangular solves for the small (k ≈ 10–30) symmetric positive definite
/// systems of ALS and of the Gibbs sampler, solved once per user and item per sweep (and the blend's ridge regression): at that size a call into LAPACK costs
/// more than the arithmetic. Matrices are k×k, row-major, in a span; only the lower triangle is read or written.
/// </summary>
internal static class SmallCholesky
{
    /// <summary>
    /// A = L·Lᵀ in place, L in the lower triangle; false if A is not positive definite. Right-looking (outer-product)
    /// form (Golub &amp; Van Loan, Matrix Computations, 4th ed., §4.2, outer-product Cholesky): column j of L is scaled and
    /// copied contiguous, then the trailing lower triangle loses L[i, j]·L[j+1..i, j] row by row, one vectorised axpy
    /// per row — a few times faster than a dot product per entry at k ≈ 64, where ALS spends much of its time here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Factor(Span<double> a, int k)
    {
        if (a.Length < k * k) throw new ArgumentException("a must hold k×k entries");
        Span<double> column = k <= 256 ? stackalloc double[k] : new double[k];
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double c0 = ref MemoryMarshal.GetReference(column);
        int width = Vector<double>.Count;
        for (int j = 0; j < k; j++)
        {
            double pivot = a[j * k + j];
            if (!(pivot > 0)) return false;
            double l = Math.Sqrt(pivot);
            a[j * k + j] = l;
            for (int i = j + 1; i < k; i++) column[i] = a[i * k + j] /= l;
            // a[i, j+1..i] −= L[i, j]·L[j+1..i, j], the column read from its contiguous copy.
            ref double c = ref Unsafe.Add(ref c0, j + 1);
            for (int i = j + 1; i < k; i++)
            {
                double s = -column[i];
                var sv = new Vector<double>(s);
                ref double row = ref Unsafe.Add(ref a0, i * k + j + 1);
                int length = i - j, t = 0;
                for (; t + width <= length; t += width)
                    (Vector.LoadUnsafe(ref row, (nuint)t) + sv * Vector.LoadUnsafe(ref c, (nuint)t)).StoreUnsafe(ref row, (nuint)t);
                for (; t < length; t++) Unsafe.Add(ref row, t) += s * Unsafe.Add(ref c, t);
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
