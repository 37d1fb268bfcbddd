using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LowRank.Completion;

/// <summary>
/// The normal-equation matrix of one least-squares solve in ALS: A += Σ_t w_t·f_t·f_tᵀ over a few hundred factor rows
/// f_t (k ≈ 10–100), the O(n·k²) step that dominates explicit ALS and the exact solve of implicit ALS. Where 256-bit
/// vectors are accelerated, the scattered rows are gathered a block at a time into a contiguous, L1-resident buffer
/// (padded to a multiple of 8) and the lower triangle is swept in 6×8 register tiles (4×8 for the last rows) over the
/// block, as a GEMM micro-kernel does — in 8×16 and 8×8 tiles of 512-bit vectors where those are accelerated (AVX-512:
/// about 0.7× the time per partner row at k = 64, bit-identical); the right-hand
/// side Σ c_t·f_t is summed over each gathered block (<see cref="SumBlock"/>). Elsewhere four rows are folded into every pass over A's lower triangle
/// (a rank-4 update). The kernels are compiled fully optimised from the first call (AggressiveOptimization): under
/// load, tiered compilation was seen to leave them unoptimised, 10–15 times slower, for most of a fit.
/// </summary>
internal static class FactorGram
{
    /// <summary>Doubles per gathered block of rows: 2,048 (16 KiB, 32 rows of k = 64) stay in L1 cache while every tile passes over them.</summary>
    private const int BlockDoubles = 2048;

    /// <summary>
    /// Adds Σ_t w_t·f_t·f_tᵀ to the lower triangle (diagonal included) of the k×k block a[i·ld + j]; f_t is
    /// factors[rows[t]·k .. rows[t]·k + k) and w_t = weights[t] (all 1 when <paramref name="weights"/> is empty).
    /// Entries just above the diagonal may receive partial sums too: call <see cref="MirrorLower"/> before reading the
    /// upper triangle.
    /// </summary>
    public static void AddLower(Span<double> a, int ld, int k, ReadOnlySpan<double> factors, ReadOnlySpan<int> rows, ReadOnlySpan<double> weights) =>
        AddLower(a, ld, k, factors, rows, weights, [], [], []);

    /// <summary>
    /// <see cref="AddLower(Span{double}, int, int, ReadOnlySpan{double}, ReadOnlySpan{int}, ReadOnlySpan{double})"/>,
    /// and in the same pass over the rows the right-hand side of the normal equations: combination += Σ_t c_t·f_t
    /// (c_t = coefficients[t]; skipped when <paramref name="combination"/> is empty) and sum += Σ_t f_t (the bias column
    /// of ALS; skipped when <paramref name="sum"/> is empty). Reading each scattered row once saves a second trip to memory.
    /// </summary>
    public static void AddLower(Span<double> a, int ld, int k, ReadOnlySpan<double> factors, ReadOnlySpan<int> rows, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> coefficients, Span<double> combination, Span<double> sum) =>
        AddLower(a, ld, k, factors, rows, weights, coefficients, combination, sum, Vector512.IsHardwareAccelerated);

    /// <summary>
    /// The same sums, with the 512-bit tiles (<see cref="SweepLower512"/>) when <paramref name="wide"/> and 512-bit vectors
    /// are accelerated, else the 256-bit ones: every entry adds the same fused products in the same order either way,
    /// so the two give bit-identical results (the tests call both).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddLower(Span<double> a, int ld, int k, ReadOnlySpan<double> factors, ReadOnlySpan<int> rows, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> coefficients, Span<double> combination, Span<double> sum, bool wide)
    {
        if (k > ld || a.Length < (k - 1) * ld + k) throw new ArgumentException("the block does not fit in a");
        if (!weights.IsEmpty && weights.Length < rows.Length) throw new ArgumentException("one weight per row");
        if (!combination.IsEmpty && (combination.Length != k || coefficients.Length < rows.Length)) throw new ArgumentException("one coefficient per row and k sums");
        if (!sum.IsEmpty && sum.Length != k) throw new ArgumentException("k sums");
        int count = factors.Length / k;
        foreach (int row in rows)
            if ((uint)row >= (uint)count) throw new ArgumentOutOfRangeException(nameof(rows));
        if (Vector256.IsHardwareAccelerated && rows.Length >= 8)
        {
            AddLowerTiled(a, ld, k, factors, rows, weights, coefficients, combination, sum, wide && Vector512.IsHardwareAccelerated);
            return;
        }
        AddLowerRank4(a, ld, k, factors, rows, weights);
        for (int t = 0; t < rows.Length; t++)
        {
            var row = factors.Slice(rows[t] * k, k);
            if (!combination.IsEmpty) SmallDense.Axpy(coefficients[t], row, combination);
            if (!sum.IsEmpty) SmallDense.Axpy(1, row, sum);
        }
    }

    /// <summary>
    /// The register-tiled path: rows are gathered (and, with weights, w·f gathered beside them) into a contiguous
    /// block of <see cref="BlockDoubles"/> doubles, each row padded with zeros to k' = k rounded up to a multiple of 8,
    /// and the lower triangle is swept in 4×8 tiles over the block (<see cref="Tile"/>). With k a multiple of 8 the
    /// tiles accumulate straight into a; otherwise into a zeroed k'×k' scratch whose lower k×k triangle is added to a.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddLowerTiled(Span<double> a, int ld, int k, ReadOnlySpan<double> factors, ReadOnlySpan<int> rows, ReadOnlySpan<double> weights,
        ReadOnlySpan<double> coefficients, Span<double> combination, Span<double> sum, bool wide)
    {
        bool weighted = !weights.IsEmpty;
        int padded = (k + 7) & ~7, blockRows = Math.Max(8, BlockDoubles / padded), n = rows.Length;
        int blockLength = blockRows * padded;
        // The gathered rows (and their weighted copies), zero-initialised so that the padding columns stay zero.
        Span<double> gathered = blockLength * (weighted ? 2 : 1) <= 2 * BlockDoubles ? stackalloc double[blockLength * (weighted ? 2 : 1)] : new double[blockLength * (weighted ? 2 : 1)];
        var plain = gathered[..blockLength];
        var scaled = weighted ? gathered[blockLength..] : plain;
        bool direct = padded == k;
        Span<double> scratch = direct ? [] : padded * padded <= 4096 ? stackalloc double[padded * padded] : new double[padded * padded];
        var target = direct ? a : scratch;
        int targetLd = direct ? ld : padded;
        ref double f = ref MemoryMarshal.GetReference(factors);
        for (int from = 0; from < n; from += blockRows)
        {
            int length = Math.Min(blockRows, n - from);
            for (int t = 0; t < length; t++)
            {
                if (from + t + PrefetchDistance < n) Prefetch(ref Unsafe.Add(ref f, rows[from + t + PrefetchDistance] * k), k);
                var source = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref f, rows[from + t] * k), k);
                source.CopyTo(plain.Slice(t * padded, k));
                if (!weighted) continue;
                double w = weights[from + t];
                var copy = scaled.Slice(t * padded, k);
                for (int j = 0; j < k; j++) copy[j] = w * source[j];
            }
            SumBlock(plain, padded, k, length, combination.IsEmpty ? [] : coefficients.Slice(from, length), combination, sum);
            if (wide) SweepLower512(target, targetLd, plain, scaled, padded, length);
            else SweepLower(target, targetLd, plain, scaled, padded, length);
        }
        if (direct) return;
        for (int i = 0; i < k; i++)
        {
            var source = scratch.Slice(i * padded, i + 1);
            var destination = a.Slice(i * ld, i + 1);
            for (int j = 0; j <= i; j++) destination[j] += source[j];
        }
    }

    /// <summary>
    /// Copies the scattered rows factors[rows[t]·k .. rows[t]·k + k) one after another into
    /// destination[t·k .. t·k + k), requesting the cache lines of the rows <see cref="PrefetchDistance"/> ahead: a
    /// solver that passes over the same rows several times (implicit ALS's conjugate-gradient steps) then reads them
    /// contiguously, from cache where they fit, instead of fetching every scattered row from memory on every pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GatherRows(ReadOnlySpan<double> factors, int k, ReadOnlySpan<int> rows, Span<double> destination)
    {
        int n = rows.Length, count = factors.Length / k;
        if (destination.Length < n * k) throw new ArgumentException("the destination holds one row of k per index");
        foreach (int row in rows)
            if ((uint)row >= (uint)count) throw new ArgumentOutOfRangeException(nameof(rows));
        ref double f = ref MemoryMarshal.GetReference(factors);
        for (int t = 0; t < n; t++)
        {
            if (t + PrefetchDistance < n) Prefetch(ref Unsafe.Add(ref f, rows[t + PrefetchDistance] * k), k);
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref f, rows[t] * k), k).CopyTo(destination.Slice(t * k, k));
        }
    }

    /// <summary>Rows ahead of the gather whose cache lines are requested early: the rows are scattered, so the hardware prefetcher cannot guess them.</summary>
    private const int PrefetchDistance = 4;

    /// <summary>Asks for the cache lines of the k doubles at <paramref name="row"/> (a hint: no effect on results; nothing where unsupported).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref double row, int k)
    {
        if (!Sse.IsSupported) return;
        byte* p = (byte*)Unsafe.AsPointer(ref row);
        for (int offset = 0; offset < k * sizeof(double); offset += 64) Sse.Prefetch0(p + offset);
    }

    /// <summary>
    /// combination[j] += Σ_t c_t·g_t[j] and sum[j] += Σ_t g_t[j] over the <paramref name="length"/> gathered rows g_t
    /// (stride <paramref name="stride"/>; each sum skipped when empty), sixteen columns at a time in eight registers
    /// across the rows: the sums are read and written once per block rather than once per row, and each entry still
    /// adds its terms in row order (the same result as a per-row update).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumBlock(ReadOnlySpan<double> plain, int stride, int k, int length, ReadOnlySpan<double> c, Span<double> combination, Span<double> sum)
    {
        bool combine = !combination.IsEmpty, add = !sum.IsEmpty;
        if (!combine && !add) return;
        if ((length - 1) * stride + k > plain.Length || (combine && (combination.Length != k || c.Length < length)) || (add && sum.Length != k))
            throw new ArgumentException("rows and sums of one length");
        Span<double> unused = combine && add ? [] : k <= 512 ? stackalloc double[k] : new double[k];
        // A missing sum is computed into unused and dropped (with the rows' first entries as coefficients): one loop for every case.
        ref double g0 = ref MemoryMarshal.GetReference(plain);
        ref double c0 = ref MemoryMarshal.GetReference(combine ? c : plain);
        ref double linear = ref MemoryMarshal.GetReference(combine ? combination : unused);
        ref double total = ref MemoryMarshal.GetReference(add ? sum : unused);
        int j = 0;
        for (; j + 16 <= k; j += 16)
        {
            var l0 = Vector256.LoadUnsafe(ref linear, (nuint)j); var l1 = Vector256.LoadUnsafe(ref linear, (nuint)j + 4);
            var l2 = Vector256.LoadUnsafe(ref linear, (nuint)j + 8); var l3 = Vector256.LoadUnsafe(ref linear, (nuint)j + 12);
            var s0 = Vector256.LoadUnsafe(ref total, (nuint)j); var s1 = Vector256.LoadUnsafe(ref total, (nuint)j + 4);
            var s2 = Vector256.LoadUnsafe(ref total, (nuint)j + 8); var s3 = Vector256.LoadUnsafe(ref total, (nuint)j + 12);
            ref double g = ref Unsafe.Add(ref g0, j);
            for (int t = 0; t < length; t++)
            {
                var ct = Vector256.Create(Unsafe.Add(ref c0, t));
                var v0 = Vector256.LoadUnsafe(ref g); var v1 = Vector256.LoadUnsafe(ref g, 4);
                var v2 = Vector256.LoadUnsafe(ref g, 8); var v3 = Vector256.LoadUnsafe(ref g, 12);
                l0 = Vector256.FusedMultiplyAdd(ct, v0, l0); l1 = Vector256.FusedMultiplyAdd(ct, v1, l1);
                l2 = Vector256.FusedMultiplyAdd(ct, v2, l2); l3 = Vector256.FusedMultiplyAdd(ct, v3, l3);
                s0 += v0; s1 += v1; s2 += v2; s3 += v3;
                g = ref Unsafe.Add(ref g, stride);
            }
            l0.StoreUnsafe(ref linear, (nuint)j); l1.StoreUnsafe(ref linear, (nuint)j + 4);
            l2.StoreUnsafe(ref linear, (nuint)j + 8); l3.StoreUnsafe(ref linear, (nuint)j + 12);
            s0.StoreUnsafe(ref total, (nuint)j); s1.StoreUnsafe(ref total, (nuint)j + 4);
            s2.StoreUnsafe(ref total, (nuint)j + 8); s3.StoreUnsafe(ref total, (nuint)j + 12);
        }
        for (; j < k; j++)
        {
            double l = Unsafe.Add(ref linear, j), s = Unsafe.Add(ref total, j);
            for (int t = 0; t < length; t++)
            {
                double v = Unsafe.Add(ref g0, t * stride + j);
                l = Math.FusedMultiplyAdd(Unsafe.Add(ref c0, t), v, l);
                s += v;
            }
            Unsafe.Add(ref linear, j) = l;
            Unsafe.Add(ref total, j) = s;
        }
    }

    /// <summary>The portable path (no 256-bit vectors, or fewer than 8 rows): rank-4 updates (<see cref="Rank4"/>), then single rows.</summary>
    private static void AddLowerRank4(Span<double> a, int ld, int k, ReadOnlySpan<double> factors, ReadOnlySpan<int> rows, ReadOnlySpan<double> weights)
    {
        bool weighted = !weights.IsEmpty;
        int n = rows.Length, t = 0;
        ref double f = ref MemoryMarshal.GetReference(factors);
        for (; t + 4 <= n; t += 4)
            Rank4(a, ld, k, ref Unsafe.Add(ref f, rows[t] * k), ref Unsafe.Add(ref f, rows[t + 1] * k), ref Unsafe.Add(ref f, rows[t + 2] * k), ref Unsafe.Add(ref f, rows[t + 3] * k),
                weighted ? weights[t] : 1, weighted ? weights[t + 1] : 1, weighted ? weights[t + 2] : 1, weighted ? weights[t + 3] : 1);
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
    /// The lower triangle of the padded×padded block of <paramref name="a"/> (rows of <paramref name="ld"/>) += Σ_t s_t·g_tᵀ
    /// over the <paramref name="length"/> gathered rows g_t (stride <paramref name="padded"/>, a multiple of 8) and their
    /// weighted copies s_t, in register tiles of eight columns: rows six at a time (<see cref="Tile6"/>, twelve
    /// accumulators, the shape of BLIS's Haswell dgemm micro-kernel), the last padded mod 12 rows four at a time
    /// (<see cref="Tile"/>; 6a + 4b = padded with a even). Tiles that cross the diagonal also write just above it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SweepLower(Span<double> a, int ld, ReadOnlySpan<double> plain, ReadOnlySpan<double> scaled, int padded, int length)
    {
        int sixes = padded / 12 * 12, i0 = 0;
        for (; i0 < sixes; i0 += 6)
            for (int j0 = 0; j0 <= i0 + 5; j0 += 8) Tile6(a, ld, i0, j0, plain, scaled, padded, length);
        for (; i0 < padded; i0 += 4)
            for (int j0 = 0; j0 <= i0 + 3; j0 += 8) Tile(a, ld, i0, j0, plain, scaled, padded, length);
    }

    /// <summary>
    /// <see cref="SweepLower"/> with 512-bit vectors (eight doubles, one tile column block per register): rows eight at a
    /// time, each row block's column blocks below the diagonal two at a time (<see cref="Tile8x16"/>, sixteen accumulators
    /// of the 32 registers AVX-512 offers) and its diagonal block alone (<see cref="Tile8x8"/>), so only the upper halves
    /// of the 8×8 diagonal blocks are computed in vain (2,304 products per row at k = 64 against 2,416 for the 6×8 and
    /// 4×8 tiles and 2,080 in the triangle).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SweepLower512(Span<double> a, int ld, ReadOnlySpan<double> plain, ReadOnlySpan<double> scaled, int padded, int length)
    {
        for (int i0 = 0; i0 < padded; i0 += 8)
        {
            int j0 = 0;
            for (; j0 + 16 <= i0 + 8; j0 += 16) Tile8x16(a, ld, i0, j0, plain, scaled, padded, length);
            if (j0 <= i0) Tile8x8(a, ld, i0, j0, plain, scaled, padded, length);
        }
    }

    /// <summary>
    /// The 8×16 tile A[i0..i0+7, j0..j0+15] += Σ_t s_t[i0..i0+7]·g_t[j0..j0+15]ᵀ in sixteen 512-bit accumulators: per
    /// gathered row two vector loads and eight broadcasts feed sixteen fused multiply-adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x16(Span<double> a, int ld, int i0, int j0, ReadOnlySpan<double> plain, ReadOnlySpan<double> scaled, int stride, int length)
    {
        if ((i0 + 7) * ld + j0 + 16 > a.Length || (length - 1) * stride + j0 + 16 > plain.Length || (length - 1) * stride + i0 + 8 > scaled.Length)
            throw new ArgumentOutOfRangeException(nameof(length));
        ref double c0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), i0 * ld + j0);
        ref double c1 = ref Unsafe.Add(ref c0, ld);
        ref double c2 = ref Unsafe.Add(ref c1, ld);
        ref double c3 = ref Unsafe.Add(ref c2, ld);
        ref double c4 = ref Unsafe.Add(ref c3, ld);
        ref double c5 = ref Unsafe.Add(ref c4, ld);
        ref double c6 = ref Unsafe.Add(ref c5, ld);
        ref double c7 = ref Unsafe.Add(ref c6, ld);
        var a00 = Vector512.LoadUnsafe(ref c0); var a01 = Vector512.LoadUnsafe(ref c0, 8);
        var a10 = Vector512.LoadUnsafe(ref c1); var a11 = Vector512.LoadUnsafe(ref c1, 8);
        var a20 = Vector512.LoadUnsafe(ref c2); var a21 = Vector512.LoadUnsafe(ref c2, 8);
        var a30 = Vector512.LoadUnsafe(ref c3); var a31 = Vector512.LoadUnsafe(ref c3, 8);
        var a40 = Vector512.LoadUnsafe(ref c4); var a41 = Vector512.LoadUnsafe(ref c4, 8);
        var a50 = Vector512.LoadUnsafe(ref c5); var a51 = Vector512.LoadUnsafe(ref c5, 8);
        var a60 = Vector512.LoadUnsafe(ref c6); var a61 = Vector512.LoadUnsafe(ref c6, 8);
        var a70 = Vector512.LoadUnsafe(ref c7); var a71 = Vector512.LoadUnsafe(ref c7, 8);
        ref double g = ref Unsafe.Add(ref MemoryMarshal.GetReference(plain), j0);
        ref double s = ref Unsafe.Add(ref MemoryMarshal.GetReference(scaled), i0);
        for (int t = 0; t < length; t++)
        {
            var x0 = Vector512.LoadUnsafe(ref g);
            var x1 = Vector512.LoadUnsafe(ref g, 8);
            var b = Vector512.Create(s);
            a00 = Vector512.FusedMultiplyAdd(b, x0, a00); a01 = Vector512.FusedMultiplyAdd(b, x1, a01);
            b = Vector512.Create(Unsafe.Add(ref s, 1));
            a10 = Vector512.FusedMultiplyAdd(b, x0, a10); a11 = Vector512.FusedMultiplyAdd(b, x1, a11);
            b = Vector512.Create(Unsafe.Add(ref s, 2));
            a20 = Vector512.FusedMultiplyAdd(b, x0, a20); a21 = Vector512.FusedMultiplyAdd(b, x1, a21);
            b = Vector512.Create(Unsafe.Add(ref s, 3));
            a30 = Vector512.FusedMultiplyAdd(b, x0, a30); a31 = Vector512.FusedMultiplyAdd(b, x1, a31);
            b = Vector512.Create(Unsafe.Add(ref s, 4));
            a40 = Vector512.FusedMultiplyAdd(b, x0, a40); a41 = Vector512.FusedMultiplyAdd(b, x1, a41);
            b = Vector512.Create(Unsafe.Add(ref s, 5));
            a50 = Vector512.FusedMultiplyAdd(b, x0, a50); a51 = Vector512.FusedMultiplyAdd(b, x1, a51);
            b = Vector512.Create(Unsafe.Add(ref s, 6));
            a60 = Vector512.FusedMultiplyAdd(b, x0, a60); a61 = Vector512.FusedMultiplyAdd(b, x1, a61);
            b = Vector512.Create(Unsafe.Add(ref s, 7));
            a70 = Vector512.FusedMultiplyAdd(b, x0, a70); a71 = Vector512.FusedMultiplyAdd(b, x1, a71);
            g = ref Unsafe.Add(ref g, stride);
            s = ref Unsafe.Add(ref s, stride);
        }
        a00.StoreUnsafe(ref c0); a01.StoreUnsafe(ref c0, 8);
        a10.StoreUnsafe(ref c1); a11.StoreUnsafe(ref c1, 8);
        a20.StoreUnsafe(ref c2); a21.StoreUnsafe(ref c2, 8);
        a30.StoreUnsafe(ref c3); a31.StoreUnsafe(ref c3, 8);
        a40.StoreUnsafe(ref c4); a41.StoreUnsafe(ref c4, 8);
        a50.StoreUnsafe(ref c5); a51.StoreUnsafe(ref c5, 8);
        a60.StoreUnsafe(ref c6); a61.StoreUnsafe(ref c6, 8);
        a70.StoreUnsafe(ref c7); a71.StoreUnsafe(ref c7, 8);
    }

    /// <summary>The 8×8 tile A[i0..i0+7, j0..j0+7] += Σ_t s_t[i0..i0+7]·g_t[j0..j0+7]ᵀ, as <see cref="Tile8x16"/> with one column block (the diagonal one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x8(Span<double> a, int ld, int i0, int j0, ReadOnlySpan<double> plain, ReadOnlySpan<double> scaled, int stride, int length)
    {
        if ((i0 + 7) * ld + j0 + 8 > a.Length || (length - 1) * stride + j0 + 8 > plain.Length || (length - 1) * stride + i0 + 8 > scaled.Length)
            throw new ArgumentOutOfRangeException(nameof(length));
        ref double c0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), i0 * ld + j0);
        ref double c1 = ref Unsafe.Add(ref c0, ld);
        ref double c2 = ref Unsafe.Add(ref c1, ld);
        ref double c3 = ref Unsafe.Add(ref c2, ld);
        ref double c4 = ref Unsafe.Add(ref c3, ld);
        ref double c5 = ref Unsafe.Add(ref c4, ld);
        ref double c6 = ref Unsafe.Add(ref c5, ld);
        ref double c7 = ref Unsafe.Add(ref c6, ld);
        var a0 = Vector512.LoadUnsafe(ref c0); var a1 = Vector512.LoadUnsafe(ref c1);
        var a2 = Vector512.LoadUnsafe(ref c2); var a3 = Vector512.LoadUnsafe(ref c3);
        var a4 = Vector512.LoadUnsafe(ref c4); var a5 = Vector512.LoadUnsafe(ref c5);
        var a6 = Vector512.LoadUnsafe(ref c6); var a7 = Vector512.LoadUnsafe(ref c7);
        ref double g = ref Unsafe.Add(ref MemoryMarshal.GetReference(plain), j0);
        ref double s = ref Unsafe.Add(ref MemoryMarshal.GetReference(scaled), i0);
        for (int t = 0; t < length; t++)
        {
            var x = Vector512.LoadUnsafe(ref g);
            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(s), x, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 1)), x, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 2)), x, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 3)), x, a3);
            a4 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 4)), x, a4);
            a5 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 5)), x, a5);
            a6 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 6)), x, a6);
            a7 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref s, 7)), x, a7);
            g = ref Unsafe.Add(ref g, stride);
            s = ref Unsafe.Add(ref s, stride);
        }
        a0.StoreUnsafe(ref c0); a1.StoreUnsafe(ref c1);
        a2.StoreUnsafe(ref c2); a3.StoreUnsafe(ref c3);
        a4.StoreUnsafe(ref c4); a5.StoreUnsafe(ref c5);
        a6.StoreUnsafe(ref c6); a7.StoreUnsafe(ref c7);
    }

    /// <summary>
    /// The 6×8 tile A[i0..i0+5, j0..j0+7] += Σ_t s_t[i0..i0+5]·g_t[j0..j0+7]ᵀ, as <see cref="Tile"/> with six rows: per
    /// gathered row two vector loads and six broadcasts feed twelve fused multiply-adds (against eight for six loads in
    /// the 4×8 tile), and twelve independent accumulators cover the latency of the two FMA pipes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile6(Span<double> a, int ld, int i0, int j0, ReadOnlySpan<double> plain, ReadOnlySpan<double> scaled, int stride, int length)
    {
        if ((i0 + 5) * ld + j0 + 8 > a.Length || (length - 1) * stride + j0 + 8 > plain.Length || (length - 1) * stride + i0 + 6 > scaled.Length)
            throw new ArgumentOutOfRangeException(nameof(length));
        ref double c0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), i0 * ld + j0);
        ref double c1 = ref Unsafe.Add(ref c0, ld);
        ref double c2 = ref Unsafe.Add(ref c1, ld);
        ref double c3 = ref Unsafe.Add(ref c2, ld);
        ref double c4 = ref Unsafe.Add(ref c3, ld);
        ref double c5 = ref Unsafe.Add(ref c4, ld);
        var a00 = Vector256.LoadUnsafe(ref c0); var a01 = Vector256.LoadUnsafe(ref c0, 4);
        var a10 = Vector256.LoadUnsafe(ref c1); var a11 = Vector256.LoadUnsafe(ref c1, 4);
        var a20 = Vector256.LoadUnsafe(ref c2); var a21 = Vector256.LoadUnsafe(ref c2, 4);
        var a30 = Vector256.LoadUnsafe(ref c3); var a31 = Vector256.LoadUnsafe(ref c3, 4);
        var a40 = Vector256.LoadUnsafe(ref c4); var a41 = Vector256.LoadUnsafe(ref c4, 4);
        var a50 = Vector256.LoadUnsafe(ref c5); var a51 = Vector256.LoadUnsafe(ref c5, 4);
        ref double g = ref Unsafe.Add(ref MemoryMarshal.GetReference(plain), j0);
        ref double s = ref Unsafe.Add(ref MemoryMarshal.GetReference(scaled), i0);
        for (int t = 0; t < length; t++)
        {
            var x0 = Vector256.LoadUnsafe(ref g);
            var x1 = Vector256.LoadUnsafe(ref g, 4);
            var b = Vector256.Create(s);
            a00 = Vector256.FusedMultiplyAdd(b, x0, a00); a01 = Vector256.FusedMultiplyAdd(b, x1, a01);
            b = Vector256.Create(Unsafe.Add(ref s, 1));
            a10 = Vector256.FusedMultiplyAdd(b, x0, a10); a11 = Vector256.FusedMultiplyAdd(b, x1, a11);
            b = Vector256.Create(Unsafe.Add(ref s, 2));
            a20 = Vector256.FusedMultiplyAdd(b, x0, a20); a21 = Vector256.FusedMultiplyAdd(b, x1, a21);
            b = Vector256.Create(Unsafe.Add(ref s, 3));
            a30 = Vector256.FusedMultiplyAdd(b, x0, a30); a31 = Vector256.FusedMultiplyAdd(b, x1, a31);
            b = Vector256.Create(Unsafe.Add(ref s, 4));
            a40 = Vector256.FusedMultiplyAdd(b, x0, a40); a41 = Vector256.FusedMultiplyAdd(b, x1, a41);
            b = Vector256.Create(Unsafe.Add(ref s, 5));
            a50 = Vector256.FusedMultiplyAdd(b, x0, a50); a51 = Vector256.FusedMultiplyAdd(b, x1, a51);
            g = ref Unsafe.Add(ref g, stride);
            s = ref Unsafe.Add(ref s, stride);
        }
        a00.StoreUnsafe(ref c0); a01.StoreUnsafe(ref c0, 4);
        a10.StoreUnsafe(ref c1); a11.StoreUnsafe(ref c1, 4);
        a20.StoreUnsafe(ref c2); a21.StoreUnsafe(ref c2, 4);
        a30.StoreUnsafe(ref c3); a31.StoreUnsafe(ref c3, 4);
        a40.StoreUnsafe(ref c4); a41.StoreUnsafe(ref c4, 4);
        a50.StoreUnsafe(ref c5); a51.StoreUnsafe(ref c5, 4);
    }

    /// <summary>
    /// The 4×8 tile A[i0..i0+3, j0..j0+7] += Σ_t s_t[i0..i0+3]·g_t[j0..j0+7]ᵀ over the <paramref name="length"/> gathered
    /// rows g_t (stride <paramref name="stride"/>) and their weighted copies s_t = w_t·g_t, with the tile held in eight
    /// vector registers (the register blocking of a GEMM micro-kernel): per row, two vector loads and four broadcasts
    /// feed eight fused multiply-adds, and A is read and written once per tile and block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(Span<double> a, int ld, int i0, int j0, ReadOnlySpan<double> plain, ReadOnlySpan<double> scaled, int stride, int length)
    {
        if ((i0 + 3) * ld + j0 + 8 > a.Length || (length - 1) * stride + j0 + 8 > plain.Length || (length - 1) * stride + i0 + 4 > scaled.Length)
            throw new ArgumentOutOfRangeException(nameof(length));
        ref double c0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), i0 * ld + j0);
        ref double c1 = ref Unsafe.Add(ref c0, ld);
        ref double c2 = ref Unsafe.Add(ref c1, ld);
        ref double c3 = ref Unsafe.Add(ref c2, ld);
        var a00 = Vector256.LoadUnsafe(ref c0); var a01 = Vector256.LoadUnsafe(ref c0, 4);
        var a10 = Vector256.LoadUnsafe(ref c1); var a11 = Vector256.LoadUnsafe(ref c1, 4);
        var a20 = Vector256.LoadUnsafe(ref c2); var a21 = Vector256.LoadUnsafe(ref c2, 4);
        var a30 = Vector256.LoadUnsafe(ref c3); var a31 = Vector256.LoadUnsafe(ref c3, 4);
        ref double g = ref Unsafe.Add(ref MemoryMarshal.GetReference(plain), j0);
        ref double s = ref Unsafe.Add(ref MemoryMarshal.GetReference(scaled), i0);
        for (int t = 0; t < length; t++)
        {
            var x0 = Vector256.LoadUnsafe(ref g);
            var x1 = Vector256.LoadUnsafe(ref g, 4);
            var b = Vector256.Create(s);
            a00 = Vector256.FusedMultiplyAdd(b, x0, a00); a01 = Vector256.FusedMultiplyAdd(b, x1, a01);
            b = Vector256.Create(Unsafe.Add(ref s, 1));
            a10 = Vector256.FusedMultiplyAdd(b, x0, a10); a11 = Vector256.FusedMultiplyAdd(b, x1, a11);
            b = Vector256.Create(Unsafe.Add(ref s, 2));
            a20 = Vector256.FusedMultiplyAdd(b, x0, a20); a21 = Vector256.FusedMultiplyAdd(b, x1, a21);
            b = Vector256.Create(Unsafe.Add(ref s, 3));
            a30 = Vector256.FusedMultiplyAdd(b, x0, a30); a31 = Vector256.FusedMultiplyAdd(b, x1, a31);
            g = ref Unsafe.Add(ref g, stride);
            s = ref Unsafe.Add(ref s, stride);
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
