using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LowRank.Completion;

/// <summary>
/// The normal-equation matrix of one least-squares solve in ALS: A += Σ_t w_t·f_t·f_tᵀ over a few hundred factor rows
/// f_t (k ≈ 10–100), the O(n·k²) step that dominates explicit ALS and the exact solve of implicit ALS. Four rows are
/// folded into every pass over A's lower triangle (a rank-4 update), so each vector of A is loaded and stored once per
/// four fused multiply-adds instead of once per one. The kernels are compiled fully optimised from the first call
/// (AggressiveOptimization): under load, tiered compilation was seen to leave them unoptimised, 10–15 times slower, for most of a fit.
/// </summary>
internal static class FactorGram
{
    /// <summary>
    /// Adds Σ_t w_t·f_t·f_tᵀ to the lower triangle (diagonal included) of the k×k block a[i·ld + j]; f_t is
    /// factors[rows[t]·k .. rows[t]·k + k) and w_t = weights[t] (all 1 when <paramref name="weights"/> is empty).
    /// Entries just above the diagonal may receive partial sums too: call <see cref="MirrorLower"/> before reading the
    /// upper triangle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLower(Span<double> a, int ld, int k, ReadOnlySpan<double> factors, ReadOnlySpan<int> rows, ReadOnlySpan<double> weights)
    {
        if (k > ld || a.Length < (k - 1) * ld + k) throw new ArgumentException("the block does not fit in a");
        bool weighted = !weights.IsEmpty;
        int n = rows.Length, t = 0;
        ref double f = ref MemoryMarshal.GetReference(factors);
        for (; t + 4 <= n; t += 4)
        {
            int r0 = rows[t] * k, r1 = rows[t + 1] * k, r2 = rows[t + 2] * k, r3 = rows[t + 3] * k;
            if (r0 + k > factors.Length || r1 + k > factors.Length || r2 + k > factors.Length || r3 + k > factors.Length)
                throw new ArgumentOutOfRangeException(nameof(rows));
            Rank4(a, ld, k, ref Unsafe.Add(ref f, r0), ref Unsafe.Add(ref f, r1), ref Unsafe.Add(ref f, r2), ref Unsafe.Add(ref f, r3),
                weighted ? weights[t] : 1, weighted ? weights[t + 1] : 1, weighted ? weights[t + 2] : 1, weighted ? weights[t + 3] : 1);
        }
        for (; t < n; t++)
        {
            var row = factors.Slice(rows[t] * k, k);
            double w = weighted ? weights[t] : 1;
            for (int i = 0; i < k; i++)
            {
                double s = w * row[i];
                var target = a.Slice(i * ld, i + 1);
                for (int j = 0; j <= i; j++) target[j] += s * row[j];
            }
        }
    }

    /// <summary>Copies the strict lower triangle of the d×d block a[i·ld + j] onto the upper one.</summary>
    public static void MirrorLower(Span<double> a, int ld, int d)
    {
        for (int i = 0; i < d; i++)
            for (int j = 0; j < i; j++) a[j * ld + i] = a[i * ld + j];
    }

    /// <summary>A[i, 0..i] += Σ_s w_s·f_s[i]·f_s[0..i] for four rows f_0..f_3, vectorised along j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rank4(Span<double> a, int ld, int k, ref double f0, ref double f1, ref double f2, ref double f3,
        double w0, double w1, double w2, double w3)
    {
        int width = Vector<double>.Count;
        ref double a0 = ref MemoryMarshal.GetReference(a);
        for (int i = 0; i < k; i++)
        {
            double s0 = w0 * Unsafe.Add(ref f0, i), s1 = w1 * Unsafe.Add(ref f1, i), s2 = w2 * Unsafe.Add(ref f2, i), s3 = w3 * Unsafe.Add(ref f3, i);
            var v0 = new Vector<double>(s0);
            var v1 = new Vector<double>(s1);
            var v2 = new Vector<double>(s2);
            var v3 = new Vector<double>(s3);
            ref double row = ref Unsafe.Add(ref a0, i * ld);
            int j = 0;
            // Whole vectors while they start on or below the diagonal and end inside the row (they may spill above it).
            for (; j <= i && j + width <= k; j += width)
            {
                var acc = Vector.LoadUnsafe(ref row, (nuint)j);
                acc = Vector.FusedMultiplyAdd(v0, Vector.LoadUnsafe(ref f0, (nuint)j), acc);
                acc = Vector.FusedMultiplyAdd(v1, Vector.LoadUnsafe(ref f1, (nuint)j), acc);
                acc = Vector.FusedMultiplyAdd(v2, Vector.LoadUnsafe(ref f2, (nuint)j), acc);
                acc = Vector.FusedMultiplyAdd(v3, Vector.LoadUnsafe(ref f3, (nuint)j), acc);
                acc.StoreUnsafe(ref row, (nuint)j);
            }
            for (; j <= i; j++)
                Unsafe.Add(ref row, j) += s0 * Unsafe.Add(ref f0, j) + s1 * Unsafe.Add(ref f1, j) + s2 * Unsafe.Add(ref f2, j) + s3 * Unsafe.Add(ref f3, j);
        }
    }
}
