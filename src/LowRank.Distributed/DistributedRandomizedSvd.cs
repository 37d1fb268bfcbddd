using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Distributed;

/// <summary>
/// The randomized SVD of Halko, Martinsson &amp; Tropp ("Finding structure with randomness", SIAM Review 53(2), 2011;
/// range finder Alg. 4.4, factorisation Alg. 5.1) on a matrix partitioned by rows over P processes: process r holds
/// the block Aᵣ (rows <see cref="RowBlock"/>) as any <see cref="ILinearOperator"/>. The arithmetic is
/// <see cref="RandomizedSvd"/>'s, arranged so that only small matrices cross the network:
/// <list type="number">
/// <item>Ω (n×ℓ, ℓ = k + p) is drawn on every process from the shared seed — the same Ω as on one process, no communication;</item>
/// <item>Yᵣ = AᵣΩ locally, then Q = qr(Y) by distributed CholeskyQR2 (<see cref="DistributedOrthonormalization"/>: one
/// Allreduce of the ℓ×ℓ Gram matrix per pass);</item>
/// <item>each power iteration: Z = AᵀQ = Σᵣ AᵣᵀQᵣ (one Allreduce of n×ℓ), Q̃ = qr(Z) on every process (the same
/// replicated input gives the same Q̃), Yᵣ = AᵣQ̃, Q = qr(Y) distributed;</item>
/// <item>Bᵀ = AᵀQ by one more Allreduce of n×ℓ; the SVD of B (<see cref="RandomizedSvd.SvdOfProjection"/>) on every
/// process, so S and Vᵀ are replicated; Uᵣ = QᵣŨ stays where it is.</item>
/// </list>
/// Per process: time (2q + 2)·ℓ products with Aᵣ or Aᵣᵀ plus O(mᵣℓ² + nℓ²) flops; communication (q + 1)·nℓ doubles in
/// Allreduces and 2(2q + 1) Allreduces of ℓ² (docs/distributed.md has the α–β–γ model). With the same seed, every
/// P gives the single-process result up to rounding: the reductions sum in a different order and CholeskyQR2 is
/// not Householder QR, so bases agree up to rounding and the singular values to a relative 10⁻¹⁰ on well-separated
/// spectra (the tests check this at P = 1…4). MPI's Allreduce is assumed to return the same bits on every process
/// (Open MPI's algorithms do, and the MPI standard advises it); otherwise the processes' Q̃ would differ by rounding.
/// </summary>
public static class DistributedRandomizedSvd
{
    /// <summary>
    /// The leading <paramref name="k"/> singular triplets of the m×n matrix whose rows <paramref name="block"/> are
    /// <paramref name="localRows"/> on this process. Every process calls it with the same m, k, options and seed.
    /// Without <paramref name="computeU"/>, U is not formed (S and Vᵀ still are).
    /// </summary>
    public static DistributedSvd Compute(ILinearOperator localRows, RowBlock block, int totalRows, int k, RandomizedSvdOptions options,
        ICommunicator communicator, ILinalgBackend backend, bool computeU = true)
    {
        int m = totalRows, n = localRows.Cols;
        if (localRows.Rows != block.Count) throw new ArgumentException($"the local block has {localRows.Rows} rows, the partition gives it {block.Count}");
        Validate(m, n, block, k, options);
        int l = k + options.Oversampling, q = options.PowerIterationsFor(k, m, n);

        // Alg. 4.4, steps 1–3: Ω from the shared seed (Gaussian.Matrix(n, l, new Random(seed)), as RandomizedSvd.RangeFinder draws it).
        var omega = Gaussian.Matrix(n, l, new Random(options.Seed));
        (Matrix QLocal, Matrix AtQ)? mixed = null;
        string? note = null;
        if (options.Precision == SketchPrecision.Mixed)
        {
            if (localRows is IMixedPrecisionProducts { HoldsDouble: true } single)
            {
                mixed = MixedRangeFinder(single, omega, m, q, communicator, backend, out string? fallback);
                if (mixed is null) note = RandomizedSvd.FallbackNote(fallback!);
            }
            else note = "mixed precision is for dense float64 rows: these products ran in their usual precision";
        }
        var (qLocal, bt) = mixed ?? DoubleRangeFinder(localRows, omega, m, q, communicator, backend);
        // Alg. 5.1: B = QᵀA (as Bᵀ = AᵀQ), its SVD on every process, U = QŨ by rows.
        var (uHat, s, vt) = RandomizedSvd.SvdOfProjection(bt, backend, bt.Cols);
        var u = backend.Multiply(qLocal, uHat);
        DistributedSignConvention.Apply(u, vt, communicator);
        var vtK = new Matrix(k, n);
        for (int c = 0; c < n; c++)
            for (int i = 0; i < k; i++) vtK[i, c] = vt[i, c];
        Matrix? uK = computeU ? new Matrix(block.Count, k, u.Data.AsSpan(0, block.Count * k).ToArray()) : null;
        return new DistributedSvd(m, n, s[..k], vtK, uK, block)
        {
            OperatorProducts = (2L * q + 2) * l,
            Iterations = q,
            Precision = mixed is null ? SketchPrecision.Double : SketchPrecision.Mixed,
            PrecisionNote = note,
        };
    }

    /// <summary>Alg. 4.4 in float64: Q = qr(AΩ), then q times Q̃ = qr(AᵀQ), Q = qr(AQ̃): the distributed Q by CholeskyQR2, the replicated Q̃ normalised by one CholeskyQR pass (<see cref="Orthonormalization.NormalizeInPlace"/>). Returns Qᵣ and AᵀQ.</summary>
    private static (Matrix QLocal, Matrix AtQ) DoubleRangeFinder(ILinearOperator localRows, Matrix omega, int m, int q, ICommunicator communicator, ILinalgBackend backend)
    {
        var qLocal = localRows.Multiply(omega, backend);
        DistributedOrthonormalization.OrthonormalizeInPlace(qLocal, m, communicator, backend);
        for (int j = 0; j < q; j++)
        {
            var qTilde = TransposedProduct(localRows, qLocal, communicator, backend);
            Orthonormalization.NormalizeInPlace(qTilde, backend); // between products, as in RandomizedSvd.RangeFinder
            qLocal = localRows.Multiply(qTilde, backend);
            DistributedOrthonormalization.OrthonormalizeInPlace(qLocal, m, communicator, backend);
        }
        return (qLocal, TransposedProduct(localRows, qLocal, communicator, backend));
    }

    /// <summary>
    /// <see cref="RandomizedSvd.MixedRangeFinder"/> on rows spread over the processes (its error argument and fallback
    /// rule hold as they are): each pass Yᵣ = fl₃₂(Aᵣ)·X and Wᵣ = Aᵣᵀ·Yᵣ locally in one pass (float32; the last pass's
    /// Wᵣ in float64), W = Σᵣ Wᵣ by one Allreduce of n×ℓ, Y = QR by the distributed CholeskyQR2 in place (R from its
    /// Cholesky factors, no further communication), AᵀQ = W·R⁻¹ and X = AᵀQ normalised by one CholeskyQR pass on every process, into the blocks of
    /// <see cref="RandomizedSvd.SketchBuffers"/>. R is the same bits everywhere, so every process takes the same
    /// fallback decision. Returns Qᵣ and AᵀQ, or null with the reason in <paramref name="fallback"/>.
    /// </summary>
    private static (Matrix QLocal, Matrix AtQ)? MixedRangeFinder(IMixedPrecisionProducts localRows, Matrix omega, int m, int q,
        ICommunicator communicator, ILinalgBackend backend, out string? fallback)
    {
        var buffers = new RandomizedSvd.SketchBuffers(omega, localRows.Rows);
        var y = buffers.Y;
        double spectrumRatio = 1;
        for (int j = 0; ; j++)
        {
            bool last = j == q;
            var w = localRows.MultiplyThenTransposedInSingle(buffers.X, backend, y, transposedInDouble: last, buffers.W);
            communicator.Allreduce(w.Data, Reduction.Sum);
            double[] nonFinite = [y.AllFinite() ? 0 : 1];
            communicator.Allreduce(nonFinite, Reduction.Sum);
            if ((fallback = RandomizedSvd.RangeProblem(nonFinite[0] == 0, w)) is not null) return null; // W is summed: the same on every process
            var r = DistributedOrthonormalization.OrthonormalizeInPlace(y, m, communicator, backend);
            spectrumRatio = Math.Min(spectrumRatio, 1 / RandomizedSvd.TriangularCondition(r));
            if ((fallback = RandomizedSvd.SpectrumProblem(spectrumRatio)) is not null) return null;
            backend.SolveUpperTriangularRight(r, w); // AᵀQ = W·R⁻¹
            if (last) return (y, w);
            buffers.NextX(w);
            Orthonormalization.NormalizeInPlace(w, backend); // as in RandomizedSvd.MixedRangeFinder
        }
    }

    /// <summary>
    /// The checks <see cref="Compute"/> makes before its first collective, for a caller to run where the processes
    /// agree on failures (<see cref="Agreement"/>): the memory check depends on the block, so it may fail on one process only.
    /// </summary>
    public static void Validate(int totalRows, int cols, RowBlock block, int k, RandomizedSvdOptions options)
    {
        int m = totalRows, n = cols, p = Math.Min(m, n);
        if (k < 1 || k > p) throw new InvalidInputException($"rank k = {k} must be between 1 and min(m, n) = {p}");
        if (options.Oversampling < 0) throw new InvalidInputException($"oversampling must be ≥ 0, not {options.Oversampling}");
        int l = k + options.Oversampling;
        if (l >= p)
            throw new InvalidInputException($"k + oversampling = {l} reaches min(m, n) = {p}: the sketch would be the whole matrix; "
                + "lower the oversampling, or run the exact SVD on one process", nameof(RandomizedSvdOptions.Oversampling));
        int q = options.PowerIterationsFor(k, m, n);
        if (q < 0) throw new InvalidInputException($"power iterations must be ≥ 0, not {q}");
        MemoryBudget.Require((2L * block.Count * l + 3L * n * l + (long)l * l) * sizeof(double), $"a rank-{l} sketch of rows {block.Start}..{block.End - 1} of a {m}×{n} matrix");
    }

    /// <summary>AᵀQ = Σᵣ AᵣᵀQᵣ: the local product, then one Allreduce of n×ℓ numbers.</summary>
    private static Matrix TransposedProduct(ILinearOperator localRows, Matrix qLocal, ICommunicator communicator, ILinalgBackend backend)
    {
        var z = localRows.Rows == 0 ? new Matrix(localRows.Cols, qLocal.Cols) : localRows.MultiplyTransposed(qLocal, backend);
        communicator.Allreduce(z.Data, Reduction.Sum);
        return z;
    }
}
