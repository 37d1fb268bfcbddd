using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;

namespace LowRank.Decompositions;

/// <summary>
/// The k largest singular triplets by the augmented implicitly restarted Lanczos bidiagonalisation of J. Baglama and
/// L. Reichel, "Augmented implicitly restarted Lanczos bidiagonalization methods", SIAM J. Sci. Comput. 27(1), 2005,
/// as R's irlba implements it, with one-sided reorthogonalisation (H. D. Simon and H. Zha, "Low-rank matrix approximation
/// using the Lanczos bidiagonalization process", SIAM J. Sci. Comput. 21(6), 2000; irlba's default): the basis of the
/// shorter side is fully reorthogonalised (classical Gram–Schmidt with the DGKS second pass when needed), the longer one
/// keeps the three-term recurrence plus a local step against its previous vector, and only its first vector after a
/// restart is orthogonalised against all kept ones (the augmented column of B couples it to them). This halves or
/// better the O((m + n)·w²) reorthogonalisation per restart; the returned residuals are computed explicitly, so a loss
/// of orthogonality could not hide. Steps (the paper's Algorithm 2.1 inside Algorithm 3.1, augmentation by Ritz vectors):
/// <list type="number">
/// <item>Lanczos bidiagonalisation (Alg. 2.1): from a unit v₁, A·V_w = W_w·B_w and Aᵀ·W_w = V_w·B_wᵀ + f·e_wᵀ with
/// B_w upper bidiagonal, each new vector of the shorter side orthogonalised against all previous ones.</item>
/// <item>SVD B_w = U_B·Σ·V_Bᵀ; the Ritz triplets are (σ_i, W·U_B e_i, V·V_B e_i) with residual ‖Aᵀu_i − σ_i v_i‖ =
/// ‖f‖·|e_wᵀ U_B e_i| (eq. 2.13); stop when the k leading ones are below tol·σ₁.</item>
/// <item>Restart (eqs. 3.7–3.10): keep the k' leading Ritz vectors (<see cref="KeptVectors"/>), append f/‖f‖ as the
/// next right vector; B becomes diag(σ₁..σ_k') with the column ‖f‖·U_B[w, 1..k'] beside it, and step 1 continues from
/// column k' + 1.</item>
/// </list>
/// With vectors, the explicit residuals of the returned triplets are computed at the end (two block products). For
/// values only, the residuals are bounds from the recurrence instead (<see cref="LanczosRitzTriplets.ResidualBounds"/>):
/// the Ritz estimate of step 2 plus everything the two Lanczos relations A·V = W·B and Aᵀ·W = V·Bᵀ + f·eᵀ failed to
/// hold by — the coefficients each reorthogonalisation removed (the loss of orthogonality they measure) and the
/// mismatch between the augmented column of B and the first left vector's actual coefficients after a restart — so
/// the same loss of orthogonality that the explicit residuals would show cannot pass as convergence, without the 2k
/// extra products (a quarter of all products at k = 10 on sparse-s, docs/benchmarks.md).
/// </summary>
public static class LanczosSvd
{
    /// <summary>A new vector shorter than this share of ‖A‖ is rounding noise (about 100 ε).</summary>
    private const double InvariantSubspaceLevel = 1e-14;

    /// <summary>
    /// The k leading triplets with their explicit residuals, or (<paramref name="computeVectors"/> false) the k leading
    /// singular values with the recurrence's residual bounds (<see cref="SingularValueDecomposition.ResidualsEstimated"/>).
    /// </summary>
    public static SingularValueDecomposition Compute(ILinearOperator a, int k, LanczosOptions? options = null, ILinalgBackend? backend = null,
        bool computeVectors = true)
    {
        options ??= new LanczosOptions();
        backend ??= Backends.Current;
        var ritz = Iterate(a, new WholeRows(a.Rows), k, options, backend, computeVectors);
        if (!computeVectors)
        {
            var bounds = ritz.ResidualBounds();
            return new SingularValueDecomposition(a.Rows, a.Cols, ritz.S, null, null, SvdMethod.Lanczos)
            {
                OperatorProducts = ritz.OperatorProducts,
                Iterations = ritz.Restarts,
                Residuals = bounds,
                ResidualsEstimated = true,
                Converged = ritz.Converged(bounds),
            };
        }
        SignConvention.Apply(ritz.U!, ritz.VT!);
        var residuals = TripletResiduals.Compute(a, ritz.U!, ritz.S, ritz.VT!, backend);
        return new SingularValueDecomposition(a.Rows, a.Cols, ritz.S, ritz.U, ritz.VT, SvdMethod.Lanczos)
        {
            OperatorProducts = ritz.OperatorProducts + 2L * k,
            Iterations = ritz.Restarts,
            Residuals = residuals,
            Converged = ritz.Converged(residuals),
        };
    }

    /// <summary>
    /// Runs the method once on a small fixed sparse matrix (1,200 × 400 with 50 entries a row: enough entries for the
    /// products' row blocks and two scatter parts, taller than wide as most sparse data), so that a later run does not
    /// pay the one-time costs of its code paths: compiling the kernels, the thread pool's first workers, OpenBLAS's and
    /// LAPACK's first calls — about 0.08 s of a 0.4 s run on sparse-s (docs/benchmarks.md, session 2026-12-01 05:24).
    /// A caller with other work to do first, such as reading the input, can run it alongside on another thread.
    /// </summary>
    public static void Prepare(ILinalgBackend backend, bool computeVectors)
    {
        const int rows = 1200, cols = 400, perRow = 50;
        var offsets = new long[rows + 1];
        var columns = new int[rows * perRow];
        var values = new double[rows * perRow];
        for (int i = 0; i < rows; i++)
        {
            offsets[i + 1] = (i + 1L) * perRow;
            for (int t = 0; t < perRow; t++)
            {
                columns[i * perRow + t] = t * (cols / perRow) + i % (cols / perRow);
                values[i * perRow + t] = 1 + (i * 31 + t * 17) % 13 / 13.0;
            }
        }
        Compute(new CsrMatrix(rows, cols, offsets, columns, values), 2, new LanczosOptions(), backend, computeVectors);
    }

    /// <summary>
    /// The checks <see cref="Iterate"/> makes before its first product, for an m×n operator of which this process holds
    /// <paramref name="localRows"/> rows (the memory check depends on them, so in a distributed run it may fail on one
    /// process only: the caller agrees on it).
    /// </summary>
    public static void Validate(int totalRows, int cols, int localRows, int k, LanczosOptions options)
    {
        int m = totalRows, n = cols, p = Math.Min(m, n);
        if (k < 1 || k >= p)
            throw new InvalidInputException($"rank k = {k}: the lanczos method needs 1 ≤ k < min(m, n) = {p}; the exact and randomized methods allow k up to min(m, n)");
        if (!(options.Tolerance > 0 && options.Tolerance < 1)) throw new InvalidInputException($"tolerance must be between 0 and 1, not {options.Tolerance}");
        if (options.MaxRestarts < 1) throw new InvalidInputException($"the restart limit must be at least 1, not {options.MaxRestarts}");
        int w = options.WorkSizeFor(k, p);
        if (w <= k) throw new InvalidInputException($"the Lanczos work size must exceed k = {k}, not {w}");
        MemoryBudget.Require(((long)(localRows + n) * (w + 2) + 3L * w * w) * sizeof(double), $"{w} Lanczos vectors of a {m}×{n} operator");
    }

    /// <summary>
    /// Steps 1–3 above on the rows <paramref name="layout"/> says this process holds: <paramref name="a"/> is that block
    /// of rows (all of A on one process). The left vectors are kept by their local rows, every sum over rows (inner
    /// products, norms, the product Aᵀw) goes through the layout, and the right vectors, B and its SVD are whole and
    /// computed alike wherever the layout's sums return the same bits — so one code path is the single-process method
    /// and its row-partitioned distributed form. Random vectors of the left side are drawn whole and sliced, the same
    /// draws as on one process. Without <paramref name="vectors"/> the Ritz vectors are not formed (U and VT are null).
    /// </summary>
    public static LanczosRitzTriplets Iterate(ILinearOperator a, IRowLayout layout, int k, LanczosOptions options, ILinalgBackend backend,
        bool vectors = true)
    {
        int m = layout.TotalRows, n = a.Cols, p = Math.Min(m, n);
        if (a.Rows != layout.Count) throw new ArgumentException($"the operator has {a.Rows} rows, the layout holds {layout.Count} here");
        Validate(m, n, layout.Count, k, options);
        int w = options.WorkSizeFor(k, p);
        var right = new WholeRows(n);

        var random = new Random(options.Seed);
        var v = new Matrix(n, w);
        var wl = new Matrix(layout.Count, w);
        var b = new Matrix(w, w);
        var f = new double[n];
        var h = new double[2 * w];
        var rotation = new double[RotationRows(w) * w];
        Gaussian.Fill(v.Column(0), random);
        Scale(v.Column(0), 1 / EuclideanNorm.Fast(v.Column(0)));

        // Simon & Zha's one-sided scheme: full reorthogonalisation on the shorter side only.
        bool fullRight = n <= m;
        long products = 0;
        int restarts = 0, kept = 0;
        double sigmaMax = 0, scale = 0;
        // What the relations A·V = W·B (left) and Aᵀ·W = V·Bᵀ + f·eᵀ (right) fail to hold by in this cycle, as sums of
        // squared coefficients, and over all cycles as the sum of their norms (a restart rotates a cycle's defect by
        // orthonormal U_B, V_B, which does not increase its norm): the bound LanczosRitzTriplets adds to the Ritz estimates.
        double leftDefect = 0, rightDefect = 0, defect = 0;
        Matrix ub, vbt;
        double[] sigma, ritzResidual;
        while (true)
        {
            // Step 1: bidiagonalisation from column `kept` to w − 1. Products are written straight into the basis
            // columns (the last right vector, the residual f, into its own buffer); nothing is allocated per step.
            int j = kept;
            a.MultiplyVector(ColumnOf(v, j), ColumnOf(wl, j), backend);
            products++;
            double norm = Orthogonalize(wl.Column(j), wl, j, h, layout, backend);
            for (int i = 0; i < j; i++) leftDefect += Square(h[i] - b[i, j]); // the augmented column B says these coefficients
            double alpha = Normalize(wl.Column(j), norm, wl, j, h, random, layout, backend, ref scale, ref leftDefect);
            while (true)
            {
                bool last = j + 1 == w;
                var next = last ? f.AsMemory() : ColumnOf(v, j + 1);
                a.MultiplyTransposedVector(ColumnOf(wl, j), next, backend);
                layout.Sum(next.Span); // Aᵀw = Σ over row blocks of A_blockᵀ·w_block
                products++;
                Axpy(-alpha, v.Column(j), next.Span);
                norm = Reorthogonalize(next.Span, v, j + 1, fullRight, h, right, backend, ref rightDefect);
                b[j, j] = alpha;
                if (last) break;
                double beta = Normalize(next.Span, norm, v, j + 1, h, random, right, backend, ref scale, ref rightDefect);
                b[j, j + 1] = beta;
                a.MultiplyVector(ColumnOf(v, j + 1), ColumnOf(wl, j + 1), backend);
                products++;
                Axpy(-beta, wl.Column(j), wl.Column(j + 1));
                norm = Reorthogonalize(wl.Column(j + 1), wl, j + 1, !fullRight, h, layout, backend, ref leftDefect);
                alpha = Normalize(wl.Column(j + 1), norm, wl, j + 1, h, random, layout, backend, ref scale, ref leftDefect);
                j++;
            }

            // Step 2: Ritz values and their residual estimates.
            var (u0, s0, vt0) = backend.Svd(b.Clone(), computeVectors: true);
            ub = u0!;
            vbt = vt0!;
            sigma = s0;
            double fNorm = EuclideanNorm.Fast(f);
            ritzResidual = new double[w];
            for (int i = 0; i < w; i++) ritzResidual[i] = fNorm * ub[w - 1, i];
            sigmaMax = Math.Max(sigmaMax, sigma[0]);
            defect += Math.Sqrt(leftDefect) + Math.Sqrt(rightDefect);
            leftDefect = rightDefect = 0;
            int converged = 0;
            for (int i = 0; i < k; i++)
                if (Math.Abs(ritzResidual[i]) <= options.Tolerance * sigmaMax) converged++;
            restarts++;
            if (converged == k || restarts >= options.MaxRestarts || fNorm == 0) break;

            // Step 3: restart with the k' leading Ritz vectors and f/‖f‖: the basis rotations V·V_B[:, 1..k'] and
            // W·U_B[:, 1..k'], each in place over the leading columns (no m×k' scratch).
            kept = KeptVectors(k, converged, w);
            RotateInPlace(v, vbt.Data, w, transposed: true, kept, rotation, backend);
            RotateInPlace(wl, ub.Data, w, transposed: false, kept, rotation, backend);
            // f is orthogonal to the kept right vectors in exact arithmetic; where the right side is only locally
            // reorthogonalised (n > m) that must be restored explicitly, as for the left side's first vector.
            norm = Orthogonalize(f, v, kept, h, right, backend);
            // B's augmented column says Aᵀ·w_i = σ_i·v_i + ρ_i·v_kept (ρ_i the Ritz estimate); with f = ‖f‖·v_kept + V·h it
            // is ρ_i·(‖f‖/fNorm)·v_kept + (ρ_i/fNorm)·V·h: the difference is a defect of the next cycle's right relation.
            double removed = 0;
            for (int i = 0; i < kept; i++) removed += Square(h[i]);
            for (int i = 0; i < kept; i++) rightDefect += Square(ritzResidual[i]) * (Square(norm / fNorm - 1) + removed / Square(fNorm));
            Scale(f, 1 / norm);
            f.CopyTo(v.Column(kept));
            b = new Matrix(w, w);
            for (int i = 0; i < kept; i++)
            {
                b[i, i] = sigma[i];
                b[i, kept] = ritzResidual[i];
            }
        }

        return new LanczosRitzTriplets(vectors ? backend.Multiply(wl, ub.LeadingColumns(k)) : null, sigma[..k],
            vectors ? backend.Multiply(vbt.LeadingRows(k), v, transB: true) : null, ritzResidual[..k], sigmaMax, options.Tolerance)
        {
            OperatorProducts = products,
            Restarts = restarts,
            RecurrenceDefect = defect,
        };
    }

    /// <summary>
    /// Ritz vectors a restart keeps (step 3): the k wanted plus up to a third of the w − k others' worth of converged
    /// ones, at most w − 3 — ARPACK's rule nev + min(nconv, (ncv − nev)/2) (dsaup2), with a third instead of a half.
    /// Keeping converged vectors speeds the unconverged ones, but every kept vector costs a rotation of both bases
    /// ((m + n)·w multiply-adds) per restart while the cycle only adds w − kept: irlba's k + converged (up to w − 3)
    /// took 7 cycles of 3 steps and 256 products at k = 50 on sparse-s, this rule 2 cycles and 268 products
    /// (docs/benchmarks.md, session 2026-12-01 02:55).
    /// </summary>
    internal static int KeptVectors(int k, int converged, int w) => Math.Max(k, Math.Min(k + Math.Min(converged, (w - k) / 3), w - 3));

    /// <summary>Rows of Q rotated per gemm by <see cref="RotateInPlace"/>: a block of Q of about 1 MB, which stays in cache while it is read.</summary>
    private static int RotationRows(int w) => Math.Max(64, (1 << 17) / Math.Max(1, w));

    /// <summary>
    /// Q[:, 0..count) ← Q·R in place, R the leading w×count block of <paramref name="r"/> (w×w, column-major), or of
    /// its transpose when <paramref name="transposed"/> (so that V·V_B is applied from V_Bᵀ as the SVD returns it): one
    /// gemm per block of rows into <paramref name="scratch"/>, copied back over the block's first count columns. Each row
    /// of the result depends only on the same row of Q, and a block is read whole before it is overwritten, so no
    /// m×count copy of the basis is needed (the restart's memory at netflix scale: 480,189 × 97 doubles, 0.37 GB).
    /// </summary>
    internal static void RotateInPlace(Matrix q, double[] r, int w, bool transposed, int count, double[] scratch, ILinalgBackend backend)
    {
        int rows = q.Rows, block = scratch.Length / w;
        for (int r0 = 0; r0 < rows; r0 += block)
        {
            int height = Math.Min(block, rows - r0);
            backend.Gemm(false, transposed, height, count, w, 1.0, q.Data.AsSpan(r0, (w - 1) * rows + height), rows,
                r, w, 0.0, scratch, height);
            for (int c = 0; c < count; c++) scratch.AsSpan(c * height, height).CopyTo(q.Data.AsSpan(r0 + c * rows, height));
        }
    }

    /// <summary>
    /// Full reorthogonalisation of x against the first <paramref name="count"/> columns of Q, or (for the longer side
    /// of the one-sided scheme) only the local step against column count − 1, which removes the rounding the
    /// recurrence leaves along the previous vector. Returns ‖x‖ afterwards; adds the squares of the coefficients it
    /// removed (zero in exact arithmetic: what the recurrence fails to hold by) to <paramref name="defect"/>.
    /// </summary>
    private static double Reorthogonalize(Span<double> x, Matrix q, int count, bool full, double[] h, IRowLayout layout, ILinalgBackend backend,
        ref double defect)
    {
        if (full)
        {
            double after = Orthogonalize(x, q, count, h, layout, backend);
            defect += TensorPrimitives.SumOfSquares<double>(h.AsSpan(0, count));
            return after;
        }
        var previous = q.Column(count - 1);
        Span<double> dot = [TensorPrimitives.Dot<double>(previous, x)];
        layout.Sum(dot);
        Axpy(-dot[0], previous, x);
        defect += Square(dot[0]);
        return layout.Norm(x);
    }

    /// <summary>
    /// x ← x − Q·(Qᵀx) over the first <paramref name="count"/> columns of Q by classical Gram–Schmidt (two gemv, the
    /// coefficients of both passes summed in h[0..count), h[count..2·count) the second pass's scratch), repeated once when the pass removed more than 1 − 1/√2 of x's norm (the
    /// criterion of Daniel, Gragg, Kaufman &amp; Stewart, Math. Comp. 30, 1976: "twice is enough"). Each pass reads Q
    /// twice, the memory traffic that dominates a Lanczos step on a sparse matrix, so the second pass runs only when it
    /// is needed. Returns ‖x‖ afterwards (the norm the criterion computed, which the caller normalises with).
    /// </summary>
    private static double Orthogonalize(Span<double> x, Matrix q, int count, double[] h, IRowLayout layout, ILinalgBackend backend)
    {
        double before = layout.Norm(x);
        if (count == 0) return before;
        int len = q.Rows;
        var basis = q.Data.AsSpan(0, len * count);
        var total = h.AsSpan(0, count);
        for (int pass = 0; pass < 2; pass++)
        {
            var coefficients = h.AsSpan(pass * count, count);
            backend.Gemm(true, false, count, 1, len, 1.0, basis, len, x, len, 0.0, coefficients, count);
            layout.Sum(coefficients);
            backend.Gemm(false, false, len, 1, count, -1.0, basis, len, coefficients, count, 1.0, x, len);
            if (pass == 1) TensorPrimitives.Add(total, coefficients, total);
            double after = layout.Norm(x);
            if (after > before / Math.Sqrt(2)) return after;
            before = after;
        }
        return before;
    }

    /// <summary>
    /// Scales x (of norm <paramref name="norm"/>) to unit length and returns the norm. A norm at rounding level of ‖A‖
    /// (estimated by <paramref name="scale"/>, the largest bidiagonal entry so far) means the Krylov space is invariant:
    /// x is replaced by a random unit vector orthogonal to the first <paramref name="count"/> columns of Q (as irlba
    /// does) and 0 is returned; the discarded norm is what the bidiagonal relation then fails to hold by, added squared to
    /// <paramref name="defect"/>.
    /// </summary>
    private static double Normalize(Span<double> x, double norm, Matrix q, int count, double[] h, Random random, IRowLayout layout, ILinalgBackend backend,
        ref double scale, ref double defect)
    {
        if (norm > InvariantSubspaceLevel * scale && norm > 0)
        {
            scale = Math.Max(scale, norm);
            Scale(x, 1 / norm);
            return norm;
        }
        if (layout.Count == layout.TotalRows)
        {
            Gaussian.Fill(x, random);
        }
        else
        {
            var whole = new double[layout.TotalRows]; // the same draws on every process: this one keeps its rows
            Gaussian.Fill(whole, random);
            whole.AsSpan(layout.Start, layout.Count).CopyTo(x);
        }
        Scale(x, 1 / Orthogonalize(x, q, count, h, layout, backend));
        defect += Square(norm);
        return 0;
    }

    private static double Square(double x) => x * x;

    /// <summary>Column j of Q as memory, for the operator's in-place vector products.</summary>
    private static Memory<double> ColumnOf(Matrix q, int j) => q.Data.AsMemory(j * q.Rows, q.Rows);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] += alpha * x[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(Span<double> x, double factor)
    {
        foreach (ref double e in x) e *= factor;
    }
}
