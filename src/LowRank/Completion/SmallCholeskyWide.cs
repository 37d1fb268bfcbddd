using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LowRank.Completion;

internal static partial class SmallCholesky
{
    /// <summary>The orders <see cref="FactorWide"/> takes: below 32 <see cref="FactorBy4"/> was as fast or faster (k = 24: 0.81 against 0.76 µs); above 128 its scratch would not fit the stack.</summary>
    private const int WideMinimum = 32, WideMaximum = 128;

    /// <summary>
    /// <see cref="FactorBy4"/>'s right-looking block Cholesky (Golub &amp; Van Loan, Matrix Computations, 4th ed.,
    /// §4.2.9) with panels of eight columns and 512-bit vectors, in a scratch copy of the lower triangle whose rows are
    /// padded to p = k rounded up to 8, so that every trailing update is whole vectors (entries past the diagonal of
    /// the scratch receive values that are never read into L, and a's upper triangle is left alone). Per panel: its
    /// eight columns are copied contiguous (transposed), factored among themselves by column operations down the rows,
    /// written back into a's lower triangle as L, and the trailing matrix loses their rank-8 product column block by
    /// column block, the block's eight panel vectors held in registers while every row below streams past
    /// (<see cref="UpdateTrailingWide"/>): long, regular inner loops rather than one short loop per row, whose
    /// mispredicted exits bounded <see cref="FactorBy4"/> (7.4 µs at k = 65 against 4.6 here, one core).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    internal static bool FactorWide(Span<double> a, int k)
    {
        const int width = 8;
        if (k < 1 || k > WideMaximum || a.Length < k * k) throw new ArgumentException("a must hold k×k entries, 1 ≤ k ≤ 128");
        int p = (k + width - 1) & ~(width - 1), stride = p + width;
        Span<double> m = stackalloc double[p * p];
        // panel[s·stride + i] = L[i, j + s]; rows k..stride−1 stay zero, so that whole vectors may run past row k − 1.
        Span<double> panel = stackalloc double[width * stride];
        panel.Clear();
        Span<double> inverses = stackalloc double[width];
        ref double a0 = ref MemoryMarshal.GetReference(a);
        ref double m0 = ref MemoryMarshal.GetReference(m);
        ref double q0 = ref MemoryMarshal.GetReference(panel);
        for (int i = 0; i < k; i++)
        {
            // Row i's entries 0..i in whole vectors (a's entries after the diagonal come along and are never read into L),
            // by entries where a vector would run past the end of a (then zeros to the vector's end).
            int c = 0, end = (i + width) & ~(width - 1);
            for (; c < end && i * k + c + width <= k * k; c += width)
                Vector512.LoadUnsafe(ref a0, (nuint)(i * k + c)).StoreUnsafe(ref m0, (nuint)(i * p + c));
            for (; c < end; c++) Unsafe.Add(ref m0, i * p + c) = c <= i ? Unsafe.Add(ref a0, i * k + c) : 0;
        }
        for (int j = 0; j < k; j += width)
        {
            int w = Math.Min(width, k - j);
            for (int i = j; i < k; i++)
                if (w == width) CopyEight(ref Unsafe.Add(ref m0, i * p + j), 1, ref Unsafe.Add(ref q0, i), stride);
                else
                    for (int s = 0; s < w; s++) Unsafe.Add(ref q0, s * stride + i) = Unsafe.Add(ref m0, i * p + j + s);
            // The diagonal block by entries (its chain of square roots and divisions stays in registers and L1), then
            // the rows below it, L21 = A21·L11⁻ᵀ, eight rows at a time in registers (SolveBelow); every entry takes
            // the products of FactorBy4's column operations in the same order.
            for (int s = 0; s < w; s++)
            {
                int c = j + s;
                ref double column = ref Unsafe.Add(ref q0, s * stride);
                double pivot = Unsafe.Add(ref column, c);
                if (!(pivot > 0)) return false;
                double l = Math.Sqrt(pivot), inverse = 1 / l;
                Unsafe.Add(ref column, c) = l;
                inverses[s] = inverse;
                for (int r = c + 1; r < j + w; r++) Unsafe.Add(ref column, r) *= inverse;
                for (int later = s + 1; later < w; later++)
                {
                    ref double target = ref Unsafe.Add(ref q0, later * stride);
                    double factor = Unsafe.Add(ref column, j + later);
                    for (int r = j + later; r < j + w; r++) Unsafe.Add(ref target, r) -= Unsafe.Add(ref column, r) * factor;
                }
            }
            if (w == width) SolveBelow(panel, stride, j, k, inverses);
            for (int i = j; i < k; i++)
            {
                int columns = Math.Min(w, i - j + 1);
                if (columns == width) CopyEight(ref Unsafe.Add(ref q0, i), stride, ref Unsafe.Add(ref a0, i * k + j), 1);
                else
                    for (int s = 0; s < columns; s++) Unsafe.Add(ref a0, i * k + j + s) = Unsafe.Add(ref q0, s * stride + i);
            }
            if (w == width) UpdateTrailingWide(m, p, k, j, panel, stride);
        }
        return true;
    }

    /// <summary>
    /// The panel's rows j + 8..k − 1 (panel[s·stride + i], eight columns s, the diagonal block L11 already factored in
    /// rows j..j+7): x ← x·L11⁻ᵀ row by row, as x_s = (x_s − Σ_{t&lt;s} x_t·L11[s, t])·(1/L11[s, s]), for eight rows
    /// at once with the eight columns in registers. Rows past k − 1 are the panel's zeros and stay finite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveBelow(Span<double> panel, int stride, int j, int k, ReadOnlySpan<double> inverses)
    {
        if (panel.Length < 7 * stride + k + 8 || inverses.Length < 8) throw new ArgumentException("scratch sizes");
        ref double q0 = ref MemoryMarshal.GetReference(panel);
        ref double d = ref Unsafe.Add(ref q0, j); // d[t·stride + s] = L11[s, t]
        for (int i = j + 8; i < k; i += 8)
        {
            ref double x = ref Unsafe.Add(ref q0, i);
            var x0 = Vector512.LoadUnsafe(ref x) * Vector512.Create(inverses[0]);
            var x1 = Vector512.LoadUnsafe(ref x, (nuint)stride);
            x1 = (x1 - x0 * Vector512.Create(Unsafe.Add(ref d, 1))) * Vector512.Create(inverses[1]);
            var x2 = Vector512.LoadUnsafe(ref x, (nuint)(2 * stride));
            x2 -= x0 * Vector512.Create(Unsafe.Add(ref d, 2));
            x2 = (x2 - x1 * Vector512.Create(Unsafe.Add(ref d, stride + 2))) * Vector512.Create(inverses[2]);
            var x3 = Vector512.LoadUnsafe(ref x, (nuint)(3 * stride));
            x3 -= x0 * Vector512.Create(Unsafe.Add(ref d, 3));
            x3 -= x1 * Vector512.Create(Unsafe.Add(ref d, stride + 3));
            x3 = (x3 - x2 * Vector512.Create(Unsafe.Add(ref d, 2 * stride + 3))) * Vector512.Create(inverses[3]);
            var x4 = Vector512.LoadUnsafe(ref x, (nuint)(4 * stride));
            x4 -= x0 * Vector512.Create(Unsafe.Add(ref d, 4));
            x4 -= x1 * Vector512.Create(Unsafe.Add(ref d, stride + 4));
            x4 -= x2 * Vector512.Create(Unsafe.Add(ref d, 2 * stride + 4));
            x4 = (x4 - x3 * Vector512.Create(Unsafe.Add(ref d, 3 * stride + 4))) * Vector512.Create(inverses[4]);
            var x5 = Vector512.LoadUnsafe(ref x, (nuint)(5 * stride));
            x5 -= x0 * Vector512.Create(Unsafe.Add(ref d, 5));
            x5 -= x1 * Vector512.Create(Unsafe.Add(ref d, stride + 5));
            x5 -= x2 * Vector512.Create(Unsafe.Add(ref d, 2 * stride + 5));
            x5 -= x3 * Vector512.Create(Unsafe.Add(ref d, 3 * stride + 5));
            x5 = (x5 - x4 * Vector512.Create(Unsafe.Add(ref d, 4 * stride + 5))) * Vector512.Create(inverses[5]);
            var x6 = Vector512.LoadUnsafe(ref x, (nuint)(6 * stride));
            x6 -= x0 * Vector512.Create(Unsafe.Add(ref d, 6));
            x6 -= x1 * Vector512.Create(Unsafe.Add(ref d, stride + 6));
            x6 -= x2 * Vector512.Create(Unsafe.Add(ref d, 2 * stride + 6));
            x6 -= x3 * Vector512.Create(Unsafe.Add(ref d, 3 * stride + 6));
            x6 -= x4 * Vector512.Create(Unsafe.Add(ref d, 4 * stride + 6));
            x6 = (x6 - x5 * Vector512.Create(Unsafe.Add(ref d, 5 * stride + 6))) * Vector512.Create(inverses[6]);
            var x7 = Vector512.LoadUnsafe(ref x, (nuint)(7 * stride));
            x7 -= x0 * Vector512.Create(Unsafe.Add(ref d, 7));
            x7 -= x1 * Vector512.Create(Unsafe.Add(ref d, stride + 7));
            x7 -= x2 * Vector512.Create(Unsafe.Add(ref d, 2 * stride + 7));
            x7 -= x3 * Vector512.Create(Unsafe.Add(ref d, 3 * stride + 7));
            x7 -= x4 * Vector512.Create(Unsafe.Add(ref d, 4 * stride + 7));
            x7 -= x5 * Vector512.Create(Unsafe.Add(ref d, 5 * stride + 7));
            x7 = (x7 - x6 * Vector512.Create(Unsafe.Add(ref d, 6 * stride + 7))) * Vector512.Create(inverses[7]);
            x0.StoreUnsafe(ref x); x1.StoreUnsafe(ref x, (nuint)stride);
            x2.StoreUnsafe(ref x, (nuint)(2 * stride)); x3.StoreUnsafe(ref x, (nuint)(3 * stride));
            x4.StoreUnsafe(ref x, (nuint)(4 * stride)); x5.StoreUnsafe(ref x, (nuint)(5 * stride));
            x6.StoreUnsafe(ref x, (nuint)(6 * stride)); x7.StoreUnsafe(ref x, (nuint)(7 * stride));
        }
    }

    /// <summary>to[s·toStep] = from[s·fromStep] for s &lt; 8, unrolled (a row of the panel into its column layout, or back).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyEight(ref double from, int fromStep, ref double to, int toStep)
    {
        to = from;
        Unsafe.Add(ref to, toStep) = Unsafe.Add(ref from, fromStep);
        Unsafe.Add(ref to, 2 * toStep) = Unsafe.Add(ref from, 2 * fromStep);
        Unsafe.Add(ref to, 3 * toStep) = Unsafe.Add(ref from, 3 * fromStep);
        Unsafe.Add(ref to, 4 * toStep) = Unsafe.Add(ref from, 4 * fromStep);
        Unsafe.Add(ref to, 5 * toStep) = Unsafe.Add(ref from, 5 * fromStep);
        Unsafe.Add(ref to, 6 * toStep) = Unsafe.Add(ref from, 6 * fromStep);
        Unsafe.Add(ref to, 7 * toStep) = Unsafe.Add(ref from, 7 * fromStep);
    }

    /// <summary>
    /// m[i, c] −= Σ_{s&lt;8} L[i, j+s]·L[c, j+s] for the columns c ≥ j + 8 of the trailing matrix, eight at a time, and
    /// every row i ≥ c of that column block (a row's vector may cover entries past its diagonal: scratch, never read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpdateTrailingWide(Span<double> m, int p, int k, int j, ReadOnlySpan<double> panel, int stride)
    {
        if (m.Length < k * p || panel.Length < 8 * stride || stride < p + 8) throw new ArgumentException("scratch sizes");
        ref double m0 = ref MemoryMarshal.GetReference(m);
        ref double q0 = ref MemoryMarshal.GetReference(panel);
        for (int c = j + 8; c < k; c += 8)
        {
            var p0 = Vector512.LoadUnsafe(ref q0, (nuint)c); var p1 = Vector512.LoadUnsafe(ref q0, (nuint)(stride + c));
            var p2 = Vector512.LoadUnsafe(ref q0, (nuint)(2 * stride + c)); var p3 = Vector512.LoadUnsafe(ref q0, (nuint)(3 * stride + c));
            var p4 = Vector512.LoadUnsafe(ref q0, (nuint)(4 * stride + c)); var p5 = Vector512.LoadUnsafe(ref q0, (nuint)(5 * stride + c));
            var p6 = Vector512.LoadUnsafe(ref q0, (nuint)(6 * stride + c)); var p7 = Vector512.LoadUnsafe(ref q0, (nuint)(7 * stride + c));
            ref double row = ref Unsafe.Add(ref m0, c * p + c);
            ref double l = ref Unsafe.Add(ref q0, c);
            for (int i = c; i < k; i++)
            {
                var sum = Vector512.Create(l) * p0;
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref l, stride)), p1, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref l, 2 * stride)), p2, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref l, 3 * stride)), p3, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref l, 4 * stride)), p4, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref l, 5 * stride)), p5, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref l, 6 * stride)), p6, sum);
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref l, 7 * stride)), p7, sum);
                (Vector512.LoadUnsafe(ref row) - sum).StoreUnsafe(ref row);
                row = ref Unsafe.Add(ref row, p);
                l = ref Unsafe.Add(ref l, 1);
            }
        }
    }
}
