using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LowRank.Completion;

/// <summary>
/// The normal-equation matrix of one least-squares solve in ALS: A += Σ_t w_t·f_t·f_tᵀ over a few hundred factor rows
/// f_t (k ≈ 10–100), the O(n·k²) step that dominates explicit ALS and the exact solve of implicit ALS. When k is a
/// multiple of 8 (and vectors hold 4 doubles) the lower triangle is swept in 4×8 register tiles over all rows, as a
/// GEMM micro-kernel does; otherwise four rows are folded into every pass over A's lower triangle (a rank-4 update),
/// so each vector of A is loaded and stored once per four fused multiply-adds instead of once per one. The kernels are compiled fully optimised from the first call
/// (AggressiveOptimization): under load, tiered compilation was seen to leave them unoptimised, 10–15 times slower, for most of a fit.
/// </summary>
internal static class FactorGram
{
    /// <summary>Rows per pass of the register tiles: 128 rows of k = 64 doubles are 64 KiB, well inside L2.</summary>
    private const int Chunk = 128;

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
        if (k % 8 == 0 && Vector<double>.Count == 4 && n >= 8)
        {
            foreach (int row in rows)
                if ((uint)row >= (uint)(factors.Length / k)) throw new ArgumentOutOfRangeException(nameof(rows));
            if (weighted && weights.Length < n) throw new ArgumentException("one weight per row");
            // Rows in chunks that stay in L2 cache while every tile passes over them.
            for (int from = 0; from < n; from += Chunk)
            {
                int length = Math.Min(Chunk, n - from);
                var chunkRows = rows.Slice(from, length);
                var chunkWeights = weighted ? weights.Slice(from, length) : weights;
                for (int i0 = 0; i0 < k; i0 += 4)
                    for (int j0 = 0; j0 <= i0 + 3; j0 += 8) Tile(a, ld, k, i0, j0, ref f, chunkRows, chunkWeights);
            }
            return;
        }
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

    /// <summary>
    /// The 4×8 tile A[i0..i0+3, j0..j0+7] += Σ_t w_t·f_t[i0..i0+3]·f_t[j0..j0+7]ᵀ with the tile held in eight vector
    /// registers over all n rows (the register blocking of a GEMM micro-kernel): per row, two vector loads and four
    /// broadcasts feed eight fused multiply-adds, and A is read and written once per tile instead of once per four rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(Span<double> a, int ld, int k, int i0, int j0, ref double factors, ReadOnlySpan<int> rows, ReadOnlySpan<double> weights)
    {
        ref double c0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), i0 * ld + j0);
        ref double c1 = ref Unsafe.Add(ref c0, ld);
        ref double c2 = ref Unsafe.Add(ref c1, ld);
        ref double c3 = ref Unsafe.Add(ref c2, ld);
        var a00 = Vector.LoadUnsafe(ref c0); var a01 = Vector.LoadUnsafe(ref c0, 4);
        var a10 = Vector.LoadUnsafe(ref c1); var a11 = Vector.LoadUnsafe(ref c1, 4);
        var a20 = Vector.LoadUnsafe(ref c2); var a21 = Vector.LoadUnsafe(ref c2, 4);
        var a30 = Vector.LoadUnsafe(ref c3); var a31 = Vector.LoadUnsafe(ref c3, 4);
        bool weighted = !weights.IsEmpty;
        for (int t = 0; t < rows.Length; t++)
        {
            ref double f = ref Unsafe.Add(ref factors, rows[t] * k);
            var x0 = Vector.LoadUnsafe(ref f, (nuint)j0);
            var x1 = Vector.LoadUnsafe(ref f, (nuint)(j0 + 4));
            double w = weighted ? weights[t] : 1;
            var b = new Vector<double>(w * Unsafe.Add(ref f, i0));
            a00 = Vector.FusedMultiplyAdd(b, x0, a00); a01 = Vector.FusedMultiplyAdd(b, x1, a01);
            b = new Vector<double>(w * Unsafe.Add(ref f, i0 + 1));
            a10 = Vector.FusedMultiplyAdd(b, x0, a10); a11 = Vector.FusedMultiplyAdd(b, x1, a11);
            b = new Vector<double>(w * Unsafe.Add(ref f, i0 + 2));
            a20 = Vector.FusedMultiplyAdd(b, x0, a20); a21 = Vector.FusedMultiplyAdd(b, x1, a21);
            b = new Vector<double>(w * Unsafe.Add(ref f, i0 + 3));
            a30 = Vector.FusedMultiplyAdd(b, x0, a30); a31 = Vector.FusedMultiplyAdd(b, x1, a31);
        }
        a00.StoreUnsafe(ref c0); a01.StoreUnsafe(ref c0, 4);
        a10.StoreUnsafe(ref c1); a11.StoreUnsafe(ref c1, 4);
        a20.StoreUnsafe(ref c2); a21.StoreUnsafe(ref c2, 4);
        a30.StoreUnsafe(ref c3); a31.StoreUnsafe(ref c3, 4);
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
