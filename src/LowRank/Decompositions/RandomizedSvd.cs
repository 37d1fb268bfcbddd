using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// Randomized truncated SVD after N. Halko, P.-G. Martinsson, J. A. Tropp, "Finding structure with randomness:
/// probabilistic algorithms for constructing approximate matrix decompositions", SIAM Review 53(2), 2011:
/// the range finder is Algorithm 4.4 (randomized subspace iteration, re-orthonormalising after every
/// multiplication by A or Aᵀ) and the factorisation is Algorithm 5.1 (direct SVD of B = QᵀA). A enters only through
/// its products with blocks (<see cref="ILinearOperator"/>), so dense, sparse and centred storage share the code; Ω
/// depends only on the seed and the shape, so the same seed gives the same result on every storage of the same matrix.
/// </summary>
public static class RandomizedSvd
{
    /// <summary>
    /// The leading <paramref name="k"/> singular triplets of A. When k + p reaches min(m, n) a sketch would be as
    /// large as the matrix, so the exact SVD is computed and truncated instead (the result says which method ran).
    /// The result carries the operator products and q as its iterations; residuals are left to the caller
    /// (<see cref="TripletResiduals"/>), so that the dense path does no work beyond Halko et al.'s. Without
    /// <paramref name="computeVectors"/> the result holds the singular values only (no m×k U is formed, and a caller
    /// has no vectors to compute residuals from, which would cost two more products).
    /// </summary>
    public static SingularValueDecomposition Compute(ILinearOperator a, int k, RandomizedSvdOptions? options = null, ILinalgBackend? backend = null,
        bool computeVectors = true)
    {
        options ??= new RandomizedSvdOptions();
        backend ??= Backends.Current;
        int m = a.Rows, n = a.Cols, p = Math.Min(m, n);
        if (k < 1 || k > p) throw new InvalidInputException($"rank k = {k} must be between 1 and min(m, n) = {p}");
        if (options.Oversampling < 0) throw new InvalidInputException($"oversampling must be ≥ 0, not {options.Oversampling}");
        int l = k + options.Oversampling;
        if (l >= p)
            return ExactSvd.Compute(a, computeVectors, backend).Truncate(k) with
            {
                PrecisionNote = options.Precision == SketchPrecision.Mixed ? $"k + p = {l} reaches min(m, n) = {p}: the exact SVD ran, in float64" : null,
            };

        int q = options.PowerIterationsFor(k, m, n);
        if (q < 0) throw new InvalidInputException($"power iterations must be ≥ 0, not {q}");
        MemoryBudget.Require(SketchBytes(m, n, l), $"a rank-{l} sketch of a {m}×{n} matrix");

        (Matrix Q, Matrix AtQ)? sketch = null;
        string? note = null;
        if (options.Precision == SketchPrecision.Mixed)
        {
            if (a is IMixedPrecisionProducts { HoldsDouble: true } mixed)
            {
                sketch = MixedRangeFinder(mixed, l, q, new Random(options.Seed), backend, out string? fallback);
                if (sketch is null) note = FallbackNote(fallback!);
            }
            else note = a is IMixedPrecisionProducts ? "the data is float32: its products run in float32 (sgemm) already, so mixed precision changes nothing"
                : $"mixed precision is for dense float64 data (a matrix or blocks of rows), not {a.GetType().Name}: the products ran in float64";
        }
        var (qm, bt) = sketch ?? (a is IFusedNormalProducts fused
            ? FusedRangeFinder(fused, l, q, new Random(options.Seed), backend)
            : RangeFinder(a, l, q, new Random(options.Seed), backend));

        var (uHat, s, vt) = SvdOfProjection(bt, backend, computeVectors ? k : 0);
        Matrix? u = null, vtk = null;
        if (computeVectors)
        {
            // only the k columns kept: U = Q·Ũ_k (m×k) and the leading k rows of Vᵀ; the sign rule is column by column
            u = backend.Multiply(qm, uHat.LeadingColumns(k));
            vtk = vt;
            SignConvention.Apply(u, vtk);
        }
        return new SingularValueDecomposition(m, n, s[..k], u, vtk, SvdMethod.Randomized)
        {
            OperatorProducts = (2L * q + 2) * l,
            Iterations = q,
            Precision = sketch is null ? SketchPrecision.Double : SketchPrecision.Mixed,
            PrecisionNote = note,
        };
    }

    /// <summary>
    /// Memory the method keeps besides A for a sketch of l columns: the m×l sketch Y (orthonormalised in place, then Q)
    /// and U = Q·Ũ_k (m×l at most), two n×l blocks and an l×l core.
    /// </summary>
    public static long SketchBytes(long m, long n, int l) => (2L * m * l + 2L * n * l + (long)l * l) * sizeof(double);

    /// <summary>
    /// Algorithm 5.1, steps 1–2: the SVD B = Ũ·Σ·Vᵀ of B = QᵀA (l×n, l &lt; n), given as its transpose
    /// <paramref name="bt"/> = AᵀQ and factored through a thin QR, Bᵀ = Q_B·R, R = U_R·Σ·V_Rᵀ (l×l), so that Ũ = V_R and
    /// Vᵀ = (Q_B·U_R)ᵀ — what dgesdd does for a wide matrix (LQ first), with the QR done by CholeskyQR2 in place:
    /// <paramref name="bt"/> is overwritten by Q_B. Only the leading <paramref name="rows"/> rows of Vᵀ are formed (none
    /// for singular values alone), by one gemm straight into Vᵀ's layout, U_R[:, :rows]ᵀ·Q_Bᵀ. Public for the distributed
    /// randomized SVD, which forms AᵀQ by an Allreduce and then runs this step on every process.
    /// </summary>
    public static (Matrix UHat, double[] S, Matrix VT) SvdOfProjection(Matrix bt, ILinalgBackend backend, int rows)
    {
        int n = bt.Rows, l = bt.Cols;
        if (rows < 0 || rows > l) throw new ArgumentOutOfRangeException(nameof(rows), $"between 0 and {l} rows of Vᵀ, not {rows}");
        var r = Orthonormalization.OrthonormalizeInPlace(bt, backend);
        var (ur, s, vrt) = backend.Svd(r, computeVectors: true);
        var vt = new Matrix(rows, n);
        if (rows > 0) backend.Gemm(true, true, rows, n, l, 1.0, ur!.Data, l, bt.Data, n, 0.0, vt.Data, rows);
        return (vrt!.Transpose(), s, vt);
    }

    /// <summary>
    /// Largest ratio max|r_ii| / min|r_ii| of R = QᵀY for which <see cref="FusedRangeFinder"/> forms AᵀQ as (AᵀY)·R⁻¹:
    /// the rounding error of AᵀY grows by at most this factor, about 2·10⁻¹⁰ relative to ‖A‖. Beyond it (Y nearly rank
    /// deficient) AᵀQ is computed by a product of its own.
    /// </summary>
    public const double FusedConditionLimit = 1e6;

    /// <summary>
    /// Algorithm 4.4 with each multiplication by A fused with the next one by Aᵀ into one pass over the data
    /// (<see cref="IFusedNormalProducts"/>): one pass gives Y = A·X and W = AᵀY; with Y = QR (Q written over Y, so that
    /// the sketch takes one m×l buffer), AᵀQ = W·R⁻¹ by a triangular solve. Q and the next X are normalised by one
    /// CholeskyQR pass between the passes (<see cref="Orthonormalization.NormalizeInPlace"/>) and the last Q is
    /// orthonormalised by CholeskyQR2 (<see cref="Orthonormalization.OrthonormalizeInPlace"/>), as in
    /// <see cref="RangeFinder"/>. Mathematically the same iterates as <see cref="RangeFinder"/> (and the same
    /// Ω for a seed), in q + 1 passes instead of 2q + 2, the last one also giving Bᵀ = AᵀQ for Algorithm 5.1. The
    /// passes write into buffers allocated once (<see cref="SketchBuffers"/>). Returns Q and AᵀQ.
    /// </summary>
    public static (Matrix Q, Matrix AtQ) FusedRangeFinder(IFusedNormalProducts a, int l, int powerIterations, Random random, ILinalgBackend backend)
    {
        var buffers = new SketchBuffers(Gaussian.Matrix(a.Cols, l, random), a.Rows);
        for (int j = 0; ; j++)
        {
            var (y, w) = a.MultiplyThenTransposed(buffers.X, backend, buffers.Y, buffers.W);
            var r = j == powerIterations ? Orthonormalization.OrthonormalizeInPlace(y, backend) : Orthonormalization.NormalizeInPlace(y, backend);
            Matrix atq;
            if (TriangularCondition(r) <= FusedConditionLimit)
            {
                atq = w;
                backend.SolveUpperTriangularRight(r, atq);
            }
            else atq = a.MultiplyTransposed(y, backend);
            if (j == powerIterations) return (y, atq);
            buffers.NextX(atq);
            Orthonormalization.NormalizeInPlace(buffers.X, backend);
        }
    }

    /// <summary>
    /// The blocks the fused range finders reuse from pass to pass instead of allocating new ones (a new array is
    /// faulted in page by page, which on a 4000 × 4000 matrix cost as much as the arithmetic of orthonormalising:
    /// docs/benchmarks.md, "Fresh pages and gemm shapes"): the m×l sketch Y, orthonormalised in place into Q; the n×l
    /// block X a pass multiplies; and a second n×l block W the pass writes Aᵀ·Y into, which becomes the next X while the
    /// old X becomes the next W.
    /// </summary>
    public sealed class SketchBuffers(Matrix x, int rows)
    {
        /// <summary>The m×l sketch of every pass.</summary>
        public Matrix Y { get; } = new(rows, x.Cols);

        /// <summary>The block the next pass multiplies by A.</summary>
        public Matrix X { get; private set; } = x;

        /// <summary>The block the next pass writes Aᵀ·Y into (never <see cref="X"/>).</summary>
        public Matrix W { get; private set; } = new(x.Rows, x.Cols);

        /// <summary>Makes <paramref name="next"/> (this pass's W, or a block computed apart) the next X; the old X becomes the next W.</summary>
        public void NextX(Matrix next)
        {
            if (next.Rows != X.Rows || next.Cols != X.Cols) throw new ArgumentException($"the next X must be {X.Rows}×{X.Cols}, not {next.Rows}×{next.Cols}");
            (W, X) = (X, next);
        }
    }

    /// <summary>
    /// Smallest σ_l/σ_1, estimated as min|r_ii| / max|r_ii| of the R factors of the float32 passes, for which
    /// <see cref="MixedRangeFinder"/> keeps them: float32 products (unit roundoff u₃₂ ≈ 6·10⁻⁸) perturb direction i of
    /// the sampled subspace by about c·u₃₂·σ_1/σ_i, at the limit 6·10⁻³·c for the last, oversampled direction — which
    /// the float64 Rayleigh–Ritz step absorbs — and less for the k kept. The estimate runs low by a small factor (the
    /// first pass's R is that of AΩ; 0.7^29 ≈ 3·10⁻⁵ was estimated at 9·10⁻⁶ in the tests), so the fallback errs safe.
    /// </summary>
    public const double MixedPrecisionSpectrumLimit = 1e-5;

    /// <summary>
    /// <see cref="FusedRangeFinder"/> with the power-iteration passes in float32 and the last product in float64, for
    /// float64 data (<see cref="SketchPrecision.Mixed"/>). Passes 0..q−1 compute Y = fl₃₂(A)·X and W = fl₃₂(A)ᵀ·Y by sgemm
    /// (<see cref="IMixedPrecisionProducts.MultiplyThenTransposedInSingle"/>: the matrix rounded a cache-sized chunk at a
    /// time, never copied whole), X ← W·R⁻¹ normalised by one CholeskyQR pass (<see cref="Orthonormalization.NormalizeInPlace"/>) as in Halko, Martinsson &amp; Tropp 2011, Algorithm 4.4; pass q computes
    /// Y = fl₃₂(A)·X in float32 and W = AᵀY by dgemm on the float64 data, so that Q = Y·R⁻¹ (orthonormal to float64
    /// rounding) and Bᵀ = AᵀQ = W·R⁻¹ are float64: Algorithm 5.1 then factors the float64 projection B = QᵀA exactly.
    /// <para>
    /// Error argument. Each float32 product is the exact product with A + E, ‖E‖ ≲ c·u₃₂·‖A‖ (u₃₂ = 2⁻²⁴, c a modest
    /// multiple of √n from the sums), so the subspace the iteration samples is that of a matrix within ‖E‖ of A, and
    /// Halko et al.'s bounds (Theorem 9.1 and §10) hold for A + E: ‖(A+E) − Q·Qᵀ(A+E)‖ is as small as the float64
    /// iteration's bound, hence ‖A − QQᵀA‖ ≤ ‖(A+E) − QQᵀ(A+E)‖ + ‖(I − QQᵀ)E‖ grows by at most ‖E‖ + ‖E‖ ≈ 2·c·u₃₂·‖A‖ in
    /// the worst case (and only to second order near the dominant subspace). Because B = QᵀA is a float64 projection with
    /// an orthonormal Q, its singular values interlace: σ_i(QᵀA) ≤ σ_i(A) for every i, whatever subspace float32 found.
    /// The perturbation matters relative to σ_i only when σ_i/σ_1 approaches c·u₃₂; the R factors estimate σ_l/σ_1 at
    /// every pass and below <see cref="MixedPrecisionSpectrumLimit"/> (or on a non-finite product: entries beyond
    /// float32's range) this returns null and the caller runs the float64 iteration instead. Computing the expensive
    /// products with A in the lower of two precisions follows E. Carson &amp; I. Daužickaitė, "Single-pass Nyström
    /// approximation in mixed precision" (SIAM J. Matrix Anal. Appl., 2024), here for the range finder's power passes.
    /// </para>
    /// Returns Q and AᵀQ, or null with the reason in <paramref name="fallback"/> (<see cref="RangeProblem"/>, or the
    /// spectrum below the limit).
    /// </summary>
    public static (Matrix Q, Matrix AtQ)? MixedRangeFinder(IMixedPrecisionProducts a, int l, int powerIterations, Random random, ILinalgBackend backend,
        out string? fallback)
    {
        var buffers = new SketchBuffers(Gaussian.Matrix(a.Cols, l, random), a.Rows);
        var y = buffers.Y;
        double spectrumRatio = 1;
        for (int j = 0; ; j++)
        {
            bool last = j == powerIterations;
            var w = a.MultiplyThenTransposedInSingle(buffers.X, backend, y, transposedInDouble: last, buffers.W);
            if ((fallback = RangeProblem(y.AllFinite(), w)) is not null) return null;
            var r = Orthonormalization.OrthonormalizeInPlace(y, backend);
            spectrumRatio = Math.Min(spectrumRatio, 1 / TriangularCondition(r));
            if ((fallback = SpectrumProblem(spectrumRatio)) is not null) return null;
            backend.SolveUpperTriangularRight(r, w); // AᵀQ = W·R⁻¹; R's condition ≤ 1/limit, well inside FusedConditionLimit
            if (last) return (y, w);
            buffers.NextX(w);
            Orthonormalization.NormalizeInPlace(w, backend); // X is rounded to float32 next: one CholeskyQR pass is plenty
        }
    }

    /// <summary>
    /// Smallest largest entry of W = AᵀY (about σ₁² times an entry of X) for which the float32 pass is kept: below it
    /// the float32 terms of the sums approach float32's smallest normal numbers (1.2·10⁻³⁸) and lose digits silently.
    /// </summary>
    public const double SingleRangeFloor = 1e-30;

    /// <summary>
    /// Why a pass's products cannot be trusted in float32, or null: Y (<paramref name="yFinite"/>) or W overflowed
    /// float32's range (entries beyond ≈ 3.4·10³⁸, or a matrix whose ‖A‖² exceeds it), or W fell below
    /// <see cref="SingleRangeFloor"/> (a matrix with ‖A‖ below about 10⁻¹⁵).
    /// </summary>
    public static string? RangeProblem(bool yFinite, Matrix w)
    {
        if (!yFinite || !w.AllFinite()) return "a float32 product overflowed (the matrix or ‖A‖² is beyond float32's range, ≈ 3.4e38)";
        double largest = 0;
        foreach (double value in w.Data) largest = Math.Max(largest, Math.Abs(value));
        return largest < SingleRangeFloor
            ? $"the float32 products AᵀY reach only {largest:0.0e0}, below {SingleRangeFloor:0e0}, where float32 loses digits (‖A‖ is too small for it)"
            : null;
    }

    /// <summary>Why the estimated σ_l/σ₁ rules the float32 passes out (below <see cref="MixedPrecisionSpectrumLimit"/>), or null.</summary>
    public static string? SpectrumProblem(double spectrumRatio) => spectrumRatio >= MixedPrecisionSpectrumLimit ? null
        : $"σ_l/σ_1 ≈ {spectrumRatio:0.0e0} (from the R factors of the float32 passes) is below {MixedPrecisionSpectrumLimit:0e0}, where float32 products cannot resolve the spectrum";

    /// <summary>The result's note when the mixed-precision range finder fell back for <paramref name="reason"/>.</summary>
    public static string FallbackNote(string reason) => $"{reason}: every pass ran again in float64";

    /// <summary>max|r_ii| / min|r_ii| of a triangular R: a cheap lower bound on its condition number (∞ when singular or not finite).</summary>
    public static double TriangularCondition(Matrix r)
    {
        double largest = 0, smallest = double.PositiveInfinity;
        for (int i = 0; i < r.Rows; i++)
        {
            double d = Math.Abs(r[i, i]);
            largest = Math.Max(largest, d);
            smallest = Math.Min(smallest, d);
        }
        return smallest > 0 ? largest / smallest : double.PositiveInfinity;
    }

    /// <summary>
    /// Algorithm 4.4 (randomized subspace iteration): an m×l matrix Q with orthonormal columns whose range
    /// approximates the range of A, and Bᵀ = AᵀQ for Algorithm 5.1. Steps: Ω ~ N(0,1)^{n×l}; Y = AΩ; for j = 1..q:
    /// Y = AᵀA·Y with a normalisation after each product; Q = qr(Y). The normalisations between products are one
    /// CholeskyQR pass (<see cref="Orthonormalization.NormalizeInPlace"/>: a well-conditioned basis of the same range,
    /// half the cost), the last Q is orthonormal (<see cref="Orthonormalization.OrthonormalizeInPlace"/>, CholeskyQR2).
    /// For a dense A every product is written over one of two buffers, the m×l sketch and the n×l block that holds Ω,
    /// then each Q̃, then AᵀQ (<see cref="Matrix.MultiplyInto"/>): a new array per product would be faulted in page by
    /// page (docs/benchmarks.md, "Fresh pages and gemm shapes").
    /// </summary>
    public static (Matrix Q, Matrix AtQ) RangeFinder(ILinearOperator a, int l, int powerIterations, Random random, ILinalgBackend backend)
    {
        var x = Gaussian.Matrix(a.Cols, l, random);
        var y = Product(a, x, a is Matrix ? new Matrix(a.Rows, l) : null, transposed: false, backend);
        for (int j = 0; j < powerIterations; j++)
        {
            Orthonormalization.NormalizeInPlace(y, backend);
            x = Product(a, y, x, transposed: true, backend);
            Orthonormalization.NormalizeInPlace(x, backend);
            y = Product(a, x, y, transposed: false, backend);
        }
        Orthonormalization.OrthonormalizeInPlace(y, backend);
        return (y, Product(a, y, x, transposed: true, backend));
    }

    /// <summary>A·X (or AᵀX), written over <paramref name="target"/> when A is a dense matrix and a target is given, else a new matrix.</summary>
    private static Matrix Product(ILinearOperator a, Matrix x, Matrix? target, bool transposed, ILinalgBackend backend)
    {
        if (a is not Matrix dense || target is null) return transposed ? a.MultiplyTransposed(x, backend) : a.Multiply(x, backend);
        dense.MultiplyInto(x, target, backend, transposed);
        return target;
    }
}
