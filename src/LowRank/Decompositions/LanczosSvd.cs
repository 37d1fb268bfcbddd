using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using LowRank.Linalg;

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
/// <item>Restart (eqs. 3.7–3.10): keep the k' = min(k + converged, w − 3) leading Ritz vectors, append f/‖f‖ as the
/// next right vector; B becomes diag(σ₁..σ_k') with the column ‖f‖·U_B[w, 1..k'] beside it, and step 1 continues from
/// column k' + 1.</item>
/// </list>
/// On an operator that applies A and Aᵀ in one pass (<see cref="IFusedNormalProducts"/>, CSR storage), the steps of a
/// tall matrix share that pass (<see cref="FusedStep"/>). The explicit residuals of the returned triplets are computed at
/// the end (two block products).
/// </summary>
public static class LanczosSvd
{
    /// <summary>A new vector shorter than this share of ‖A‖ is rounding noise (about 100 ε).</summary>
    private const double InvariantSubspaceLevel = 1e-14;

    public static SingularValueDecomposition Compute(ILinearOperator a, int k, LanczosOptions? options = null, ILinalgBackend? backend = null)
    {
        options ??= new LanczosOptions();
        backend ??= Backends.Current;
        int m = a.Rows, n = a.Cols, p = Math.Min(m, n);
        if (k < 1 || k >= p)
            throw new InvalidInputException($"rank k = {k}: the lanczos method needs 1 ≤ k < min(m, n) = {p}; the exact and randomized methods allow k up to min(m, n)");
        if (!(options.Tolerance > 0 && options.Tolerance < 1)) throw new InvalidInputException($"tolerance must be between 0 and 1, not {options.Tolerance}");
        if (options.MaxRestarts < 1) throw new InvalidInputException($"the restart limit must be at least 1, not {options.MaxRestarts}");
        int w = options.WorkSizeFor(k, p);
        if (w <= k) throw new InvalidInputException($"the Lanczos work size must exceed k = {k}, not {w}");
        MemoryBudget.Require(((long)(m + n) * (w + 2) + 3L * w * w) * sizeof(double), $"{w} Lanczos vectors of a {m}×{n} operator");

        var random = new Random(options.Seed);
        var v = new Matrix(n, w);
        var wl = new Matrix(m, w);
        var b = new Matrix(w, w);
        var f = new double[n];
        var transposedLeft = new double[n];
        var h = new double[w];
        Gaussian.Fill(v.Column(0), random);
        Scale(v.Column(0), 1 / EuclideanNorm.Fast(v.Column(0)));

        // Simon & Zha's one-sided scheme: full reorthogonalisation on the shorter side only.
        bool fullRight = n <= m;
        var fusedOperator = fullRight ? a as IFusedNormalProducts : null;
        long products = 0;
        int restarts = 0, kept = 0;
        double sigmaMax = 0, scale = 0;
        Matrix ub, vbt;
        double[] sigma, ritzResidual;
        while (true)
        {
            // Step 1: bidiagonalisation from column `kept` to w − 1. Products are written straight into the basis
            // columns (the last right vector, the residual f, into its own buffer); nothing is allocated per step.
            // Where the left side is only locally reorthogonalised and the operator can fuse its two products, each
            // later step is one pass over its data (t = A·v − β·u and Aᵀ·t together, see FusedStep); the first step of
            // a cycle, whose left vector is orthogonalised against all kept ones, takes the two products separately.
            int j = kept;
            a.MultiplyVector(ColumnOf(v, j), ColumnOf(wl, j), backend);
            double norm = Orthogonalize(wl.Column(j), wl, j, h, backend);
            double alpha = Normalize(wl.Column(j), norm, wl, j, h, random, backend, ref scale);
            a.MultiplyTransposedVector(ColumnOf(wl, j), RightTarget(v, f, j + 1), backend);
            products += 2;
            while (true)
            {
                // The right target holds Aᵀ·u_j; keep it for the next fused step before it becomes v_{j+1}.
                var next = RightTarget(v, f, j + 1).Span;
                if (fusedOperator is not null) next.CopyTo(transposedLeft);
                Axpy(-alpha, v.Column(j), next);
                norm = Reorthogonalize(next, v, j + 1, fullRight, h, backend);
                b[j, j] = alpha;
                if (j + 1 == w) break;
                double beta = Normalize(next, norm, v, j + 1, h, random, backend, ref scale);
                b[j, j + 1] = beta;
                if (fusedOperator is not null)
                {
                    alpha = FusedStep(fusedOperator, v, wl, j + 1, beta, transposedLeft, RightTarget(v, f, j + 2), h, random, backend, ref scale, ref products);
                }
                else
                {
                    a.MultiplyVector(ColumnOf(v, j + 1), ColumnOf(wl, j + 1), backend);
                    Axpy(-beta, wl.Column(j), wl.Column(j + 1));
                    norm = Reorthogonalize(wl.Column(j + 1), wl, j + 1, !fullRight, h, backend);
                    alpha = Normalize(wl.Column(j + 1), norm, wl, j + 1, h, random, backend, ref scale);
                    a.MultiplyTransposedVector(ColumnOf(wl, j + 1), RightTarget(v, f, j + 2), backend);
                    products += 2;
                }
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
            int converged = 0;
            for (int i = 0; i < k; i++)
                if (Math.Abs(ritzResidual[i]) <= options.Tolerance * sigmaMax) converged++;
            restarts++;
            if (converged == k || restarts >= options.MaxRestarts || fNorm == 0) break;

            // Step 3: restart with the k' leading Ritz vectors and f/‖f‖: the basis rotations V·V_B[:, 1..k'] and
            // W·U_B[:, 1..k'] are one gemm each, into scratch, copied back over the leading columns.
            kept = Math.Max(k, Math.Min(k + converged, w - 3));
            var vNew = backend.Multiply(v, vbt.LeadingRows(kept), transB: true);
            var wNew = backend.Multiply(wl, ub.LeadingColumns(kept));
            vNew.Data.CopyTo(v.Data, 0);
            wNew.Data.CopyTo(wl.Data, 0);
            // f is orthogonal to the kept right vectors in exact arithmetic; where the right side is only locally
            // reorthogonalised (n > m) that must be restored explicitly, as for the left side's first vector.
            norm = Orthogonalize(f, v, kept, h, backend);
            Scale(f, 1 / norm);
            f.CopyTo(v.Column(kept));
            b = new Matrix(w, w);
            for (int i = 0; i < kept; i++)
            {
                b[i, i] = sigma[i];
                b[i, kept] = ritzResidual[i];
            }
        }

        var u = backend.Multiply(wl, ub.LeadingColumns(k));
        var vt = backend.Multiply(vbt.LeadingRows(k), v, transB: true);
        SignConvention.Apply(u, vt);
        var s = sigma[..k];
        var residuals = TripletResiduals.Compute(a, u, s, vt, backend);
        products += 2L * k;
        // Converged: the Ritz estimates met the tolerance AND the explicit residuals agree with them (within a factor 10
        // and rounding), so that a loss of orthogonality, which the estimates cannot see, cannot pass as convergence.
        bool allConverged = true;
        for (int i = 0; i < k; i++)
        {
            allConverged &= Math.Abs(ritzResidual[i]) <= options.Tolerance * sigmaMax;
            allConverged &= residuals[i] <= (10 * options.Tolerance + 1e-12) * sigmaMax;
        }
        return new SingularValueDecomposition(m, n, s, u, vt, SvdMethod.Lanczos)
        {
            OperatorProducts = products,
            Iterations = restarts,
            Residuals = residuals,
            Converged = allConverged,
        };
    }

    /// <summary>
    /// One Lanczos step of the locally reorthogonalised left side in a single pass over the operator: with
    /// z = Aᵀ·u_{j−1} (the previous step's product, <paramref name="transposedLeft"/>), the fused product gives
    /// t = A·v_j − β·u_{j−1} and Aᵀ·t; the local step c = ⟨u_{j−1}, t⟩, α = ‖t − c·u_{j−1}‖, u_j = (t − c·u_{j−1})/α
    /// is then carried to the transposed product by linearity, Aᵀ·u_j = (Aᵀ·t − c·z)/α, written into
    /// <paramref name="target"/>. This is the recurrence of Algorithm 2.1 with the same vectors up to rounding; only
    /// the pass over A is shared. When t lies in the span already built (α at rounding level) u_j is a fresh random
    /// vector and Aᵀ·u_j is computed by its own product. Returns α.
    /// </summary>
    private static double FusedStep(IFusedNormalProducts a, Matrix v, Matrix wl, int j, double beta, double[] transposedLeft, Memory<double> target,
        double[] h, Random random, ILinalgBackend backend, ref double scale, ref long products)
    {
        var previous = wl.Column(j - 1);
        a.MultiplyThenTransposedVector(ColumnOf(v, j), ColumnOf(wl, j - 1), beta, ColumnOf(wl, j), target, backend);
        products += 2;
        var t = wl.Column(j);
        double c = TensorPrimitives.Dot<double>(previous, t);
        Axpy(-c, previous, t);
        double alpha = Normalize(t, EuclideanNorm.Fast(t), wl, j, h, random, backend, ref scale);
        if (alpha == 0)
        {
            a.MultiplyTransposedVector(ColumnOf(wl, j), target, backend);
            products++;
            return 0;
        }
        var s = target.Span;
        Axpy(-c, transposedLeft, s);
        Scale(s, 1 / alpha);
        return alpha;
    }

    /// <summary>Where the product Aᵀ·u_{j−1} is written: column j of V, or the residual f after the last column.</summary>
    private static Memory<double> RightTarget(Matrix v, double[] f, int j) => j == v.Cols ? f.AsMemory() : ColumnOf(v, j);

    /// <summary>
    /// Full reorthogonalisation of x against the first <paramref name="count"/> columns of Q, or (for the longer side
    /// of the one-sided scheme) only the local step against column count − 1, which removes the rounding the
    /// recurrence leaves along the previous vector. Returns ‖x‖ afterwards.
    /// </summary>
    private static double Reorthogonalize(Span<double> x, Matrix q, int count, bool full, double[] h, ILinalgBackend backend)
    {
        if (full) return Orthogonalize(x, q, count, h, backend);
        var previous = q.Column(count - 1);
        Axpy(-TensorPrimitives.Dot<double>(previous, x), previous, x);
        return EuclideanNorm.Fast(x);
    }

    /// <summary>
    /// x ← x − Q·(Qᵀx) over the first <paramref name="count"/> columns of Q by classical Gram–Schmidt (two gemv, the
    /// coefficients in <paramref name="h"/>), repeated once when the pass removed more than 1 − 1/√2 of x's norm (the
    /// criterion of Daniel, Gragg, Kaufman &amp; Stewart, Math. Comp. 30, 1976: "twice is enough"). Each pass reads Q
    /// twice, the memory traffic that dominates a Lanczos step on a sparse matrix, so the second pass runs only when it
    /// is needed. Returns ‖x‖ afterwards (the norm the criterion computed, which the caller normalises with).
    /// </summary>
    private static double Orthogonalize(Span<double> x, Matrix q, int count, double[] h, ILinalgBackend backend)
    {
        double before = EuclideanNorm.Fast(x);
        if (count == 0) return before;
        int len = q.Rows;
        var basis = q.Data.AsSpan(0, len * count);
        var coefficients = h.AsSpan(0, count);
        for (int pass = 0; pass < 2; pass++)
        {
            backend.Gemm(true, false, count, 1, len, 1.0, basis, len, x, len, 0.0, coefficients, count);
            backend.Gemm(false, false, len, 1, count, -1.0, basis, len, coefficients, count, 1.0, x, len);
            double after = EuclideanNorm.Fast(x);
            if (after > before / Math.Sqrt(2)) return after;
            before = after;
        }
        return before;
    }

    /// <summary>
    /// Scales x (of norm <paramref name="norm"/>) to unit length and returns the norm. A norm at rounding level of ‖A‖
    /// (estimated by <paramref name="scale"/>, the largest bidiagonal entry so far) means the Krylov space is invariant:
    /// x is replaced by a random unit vector orthogonal to the first <paramref name="count"/> columns of Q (as irlba
    /// does) and 0 is returned, which keeps the bidiagonal relation exact.
    /// </summary>
    private static double Normalize(Span<double> x, double norm, Matrix q, int count, double[] h, Random random, ILinalgBackend backend, ref double scale)
    {
        if (norm > InvariantSubspaceLevel * scale && norm > 0)
        {
            scale = Math.Max(scale, norm);
            Scale(x, 1 / norm);
            return norm;
        }
        Gaussian.Fill(x, random);
        Scale(x, 1 / Orthogonalize(x, q, count, h, backend));
        return 0;
    }

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
