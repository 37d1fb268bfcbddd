using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LowRank.Completion;

/// <summary>
/// Managed Cholesky factorisation and triangular solves for the small (k ≈ 10–100) symmetric positive definite
/// systems of ALS and of the Gibbs sampler, solved once per user and item per sweep (and the blend's ridge regression): at that size a call into LAPACK costs
/// more than the arithmetic. Matrices are k×k, row-major, in a span; only the lower triangle is read or written.
/// </summary>
internal static partial class SmallCholesky
{
    /// <summary>
    /// A = L·Lᵀ in place, L in the lower triangle; false if A is not positive definite. Orders 32–128 where 512-bit
    /// vectors are accelerated go to <see cref="FactorWide"/>, the rest to <see cref="FactorBy4"/>: the two agree to
    /// rounding (they add the same products in different orders).
    /// </summary>
    public static bool Factor(Span<double> a, int k) =>
        Vector512.IsHardwareAccelerated && k >= WideMinimum && k <= WideMaximum ? FactorWide(a, k) : FactorBy4(a, k);

    /// <summary>
    /// A = L·Lᵀ in place, L in the lower triangle; false if A is not positive definite. Right-looking Cholesky blocked
    /// by four columns (Golub &amp; Van Loan, Matrix Computations, 4th ed., §4.2.9, block Cholesky with block width 4):
    /// the four columns of a panel are factored among themselves and copied contiguous, then every trailing row i
    /// loses Σ_s L[i, j+s]·L[j+4..i, j+s] in one vectorised pass — a rank-4 update that loads and stores each entry once
    /// per four fused multiply-adds, where ALS (k ≈ 64) spends a large part of its time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool FactorBy4(Span<double> a, int k)
    {
        if (a.Length < k * k) throw new ArgumentException("a must hold k×k entries");
        const int width = 4;
        // The panel's columns, contiguous: panel[s·k + i] = L[i, j + s].
        Span<double> panel = k <= 256 ? stackalloc double[width * k] : new double[width * k];
        for (int j = 0; j < k; j += width)
        {
            int columns = Math.Min(width, k - j);
            for (int s = 0; s < columns; s++)
            {
                int c = j + s;
                double pivot = a[c * k + c];
                if (!(pivot > 0)) return false;
                double l = Math.Sqrt(pivot);
                a[c * k + c] = l;
                panel[s * k + c] = l;
                double inverse = 1 / l;
                for (int i = c + 1; i < k; i++) panel[s * k + i] = a[i * k + c] *= inverse;
                // The panel's later columns lose this one's contribution (rows c+1.., columns c+1..j+columns−1).
                for (int later = c + 1; later < j + columns; later++)
                {
                    double m = a[later * k + c];
                    for (int i = later; i < k; i++) a[i * k + later] -= a[i * k + c] * m;
                }
            }
            if (columns == width) UpdateTrailing(a, k, j, panel);
        }
        return true;
    }

    /// <summary>a[i, j+4..i] −= Σ_{s&lt;4} L[i, j+s]·L[j+4..i, j+s] for every row i ≥ j + 4 (the lower triangle only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpdateTrailing(Span<double> a, int k, int j, ReadOnlySpan<double> panel)
    {
        int first = j + 4, count = Vector<double>.Count;
        if (panel.Length < 4 * k) throw new ArgumentException("the panel holds four columns of length k");
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double p0 = ref MemoryMarshal.GetReference(panel);
        ref double p1 = ref Unsafe.Add(ref p0, k);
        ref double p2 = ref Unsafe.Add(ref p1, k);
        ref double p3 = ref Unsafe.Add(ref p2, k);
        for (int i = first; i < k; i++)
        {
            double l0 = Unsafe.Add(ref p0, i), l1 = Unsafe.Add(ref p1, i), l2 = Unsafe.Add(ref p2, i), l3 = Unsafe.Add(ref p3, i);
            var v0 = new Vector<double>(l0);
            var v1 = new Vector<double>(l1);
            var v2 = new Vector<double>(l2);
            var v3 = new Vector<double>(l3);
            ref double row = ref Unsafe.Add(ref a0, i * k);
            int c = first;
            for (; c + count <= i + 1; c += count)
            {
                var sum = v0 * Vector.LoadUnsafe(ref p0, (nuint)c);
                sum = Vector.FusedMultiplyAdd(v1, Vector.LoadUnsafe(ref p1, (nuint)c), sum);
                sum = Vector.FusedMultiplyAdd(v2, Vector.LoadUnsafe(ref p2, (nuint)c), sum);
                sum = Vector.FusedMultiplyAdd(v3, Vector.LoadUnsafe(ref p3, (nuint)c), sum);
                (Vector.LoadUnsafe(ref row, (nuint)c) - sum).StoreUnsafe(ref row, (nuint)c);
            }
            for (; c <= i; c++)
                Unsafe.Add(ref row, c) -= l0 * Unsafe.Add(ref p0, c) + l1 * Unsafe.Add(ref p1, c) + l2 * Unsafe.Add(ref p2, c) + l3 * Unsafe.Add(ref p3, c);
        }
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

    /// <summary>
    /// x ← L⁻ᵀ·x (back substitution with the transpose), column-oriented: once x_i is known, row i of L (column i of
    /// Lᵀ) is subtracted from x[0..i) in one contiguous axpy instead of walking Lᵀ's rows down L's columns.
    /// </summary>
    public static void SolveLowerTranspose(ReadOnlySpan<double> l, int k, Span<double> x)
    {
        for (int i = k - 1; i >= 0; i--)
        {
            double xi = x[i] / l[i * k + i];
            x[i] = xi;
            SmallDense.Axpy(-xi, l.Slice(i * k, i), x[..i]);
        }
    }
}
