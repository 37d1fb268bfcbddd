using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using LowRank.Linalg;

namespace LowRank.Completion.Implicit;

/// <summary>
/// Implicit-feedback matrix factorisation by alternating least squares: Y. Hu, Y. Koren, C. Volinsky, "Collaborative
/// filtering for implicit feedback datasets", ICDM 2008. It minimises (eq. 3)
/// Σ_u,i c_ui (p_ui − x_uᵀy_i)² + λ(Σ_u ‖x_u‖² + Σ_i ‖y_i‖²) over all users × items, with p_ui = 1 and c_ui = 1 + α·r_ui
/// on the interactions and p_ui = 0, c_ui = 1 elsewhere. Fixing Y, each user's optimum is (eq. 4)
/// x_u = (YᵀC^uY + λI)⁻¹ YᵀC^u p(u), and YᵀC^uY = YᵀY + Yᵀ(C^u − I)Y where C^u − I is non-zero only on the user's
/// n_u items: YᵀY is computed once per half-sweep (§4, the "speed-up"), so the whole matrix is never touched.
/// The system is solved either exactly (Cholesky, O(n_u·k² + k³)) or, by default, with a few conjugate-gradient steps
/// warm-started from the previous x_u (G. Takács, I. Pilászy, D. Tikk, "Applications of the conjugate gradient method
/// for implicit feedback collaborative filtering", RecSys 2011, §3.2): each step multiplies by the matrix implicitly,
/// (YᵀY + λI)v + Σ_i (c_ui − 1)(y_iᵀv)y_i, for O(k² + n_u·k). Users (then items) are independent given the other side,
/// so each half-sweep runs in parallel; every user's result depends only on the previous factors, so a fit is the
/// same for a seed whatever the number of threads. The score of item i for user u is x_uᵀy_i.
/// </summary>
public sealed class ImplicitAls(ImplicitAlsOptions options) : IImplicitRecommender
{
    private double[] _userFactors = [];
    private double[] _itemFactors = [];
    private readonly ConcurrentBag<Workspace> _workspaces = [];

    public string Name => "implicit-als";

    public ImplicitAlsOptions Options { get; } = options;

    public int UserCount { get; private set; }

    public int ItemCount { get; private set; }

    /// <summary>x_u = UserFactors[u·k .. u·k + k).</summary>
    public ReadOnlySpan<double> UserFactors => _userFactors;

    /// <summary>y_i = ItemFactors[i·k .. i·k + k).</summary>
    public ReadOnlySpan<double> ItemFactors => _itemFactors;

    public void Fit(Interactions train, CancellationToken cancellationToken = default)
    {
        Validate();
        int k = Options.Factors;
        UserCount = train.UserCount;
        ItemCount = train.ItemCount;
        _userFactors = new double[train.UserCount * k];
        _itemFactors = new double[train.ItemCount * k];
        Gaussian.Fill(_itemFactors, new Random(Options.Seed));
        for (int t = 0; t < _itemFactors.Length; t++) _itemFactors[t] *= Options.InitStd;
        var confidence = Options.Confidence;
        var byUser = Side.Of(train.UserRows, confidence);
        var byItem = Side.Of(train.ItemRows, confidence);
        for (int iteration = 0; iteration < Options.Iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SolveSide(byUser, _userFactors, _itemFactors, train.ItemCount);
            SolveSide(byItem, _itemFactors, _userFactors, train.UserCount);
        }
    }

    public void ScoreItems(int user, Span<double> scores)
    {
        if (scores.Length != ItemCount) throw new ArgumentException($"scores must have length {ItemCount}");
        int k = Options.Factors;
        var x = _userFactors.AsSpan(user * k, k);
        for (int i = 0; i < scores.Length; i++) scores[i] = SmallDense.Dot(x, _itemFactors.AsSpan(i * k, k));
    }

    /// <summary>
    /// The objective of eq. 3 at the current factors, over all users × items: Σ_u x_uᵀ(YᵀY)x_u counts every pair as
    /// unobserved (c = 1, p = 0), and each interaction then swaps its s² = (x_uᵀy_i)² for c(1 − s)².
    /// </summary>
    public double Objective(Interactions train)
    {
        int k = Options.Factors;
        var gram = Gram(_itemFactors, train.ItemCount, k, 0);
        double sum = 0;
        for (int u = 0; u < train.UserCount; u++)
        {
            var x = _userFactors.AsSpan(u * k, k);
            for (int i = 0; i < k; i++) sum += x[i] * SmallDense.Dot(gram.AsSpan(i * k, k), x);
            var items = train.ItemsOf(u);
            var strengths = train.StrengthsOfUser(u);
            for (int t = 0; t < items.Length; t++)
            {
                double s = SmallDense.Dot(x, _itemFactors.AsSpan(items[t] * k, k));
                sum += Options.Confidence.Of(strengths[t]) * (1 - s) * (1 - s) - s * s;
            }
        }
        double norms = SmallDense.Dot(_userFactors, _userFactors) + SmallDense.Dot(_itemFactors, _itemFactors);
        return sum + Options.Regularization * norms;
    }

    internal void Validate()
    {
        var o = Options;
        if (o.Factors < 1) throw new InvalidInputException($"implicit-als: the number of factors must be at least 1, not {o.Factors}");
        if (!(o.Regularization > 0)) throw new InvalidInputException($"implicit-als: λ must be > 0, not {o.Regularization}");
        if (o.Iterations < 0) throw new InvalidInputException($"implicit-als: iterations must be ≥ 0, not {o.Iterations}");
        if (o.CgSteps < 1) throw new InvalidInputException($"implicit-als: conjugate-gradient steps must be at least 1, not {o.CgSteps}");
        if (o.Threads is < 1) throw new InvalidInputException($"implicit-als: threads must be at least 1, not {o.Threads}");
        o.Confidence.Validate();
    }

    /// <summary>One side's index with the confidences c_ui computed once (they do not change between sweeps).</summary>
    internal sealed record Side(int[] Start, int[] Other, double[] Confidence)
    {
        public static Side Of((int[] Start, int[] Other, double[] Strengths) rows, Confidence confidence)
        {
            var c = new double[rows.Strengths.Length];
            for (int t = 0; t < c.Length; t++) c[t] = confidence.Of(rows.Strengths[t]);
            return new Side(rows.Start, rows.Other, c);
        }

        public int Count => Start.Length - 1;
    }

    /// <summary>FᵀF + ridge·I for the count×k row-major F, full k×k row-major.</summary>
    private static double[] Gram(double[] factors, int count, int k, double ridge)
    {
        var gram = new double[k * k];
        var rows = new int[count];
        for (int t = 0; t < count; t++) rows[t] = t;
        FactorGram.AddLower(gram, k, k, factors, rows, []);
        FactorGram.MirrorLower(gram, k, k);
        for (int i = 0; i < k; i++) gram[i * k + i] += ridge;
        return gram;
    }

    /// <summary>Eq. 4 for every row of one side, the other side fixed; <see cref="Solve"/> or <see cref="ConjugateGradient"/> per row.</summary>
    private void SolveSide(Side side, double[] own, double[] other, int otherCount) => SolveRows(side, 0, side.Count, own, other, otherCount);

    /// <summary>
    /// Rows [from, to) of <see cref="SolveSide"/>, with YᵀY from all of <paramref name="other"/>: the seam of the
    /// distributed fit (LowRank.Distributed.Als), where each process holds the interactions of its own rows only.
    /// </summary>
    internal void SolveRows(Side side, int from, int to, double[] own, double[] other, int otherCount)
    {
        int k = Options.Factors;
        var gram = Gram(other, otherCount, k, Options.Regularization);
        // One worker per core: left unbounded, the thread pool keeps adding workers to these long loops.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.Threads ?? Environment.ProcessorCount };
        int longest = 0;
        for (int row = from; row < to; row++) longest = Math.Max(longest, side.Start[row + 1] - side.Start[row]);
        int gathered = Options.Solver == ImplicitSolver.ConjugateGradient ? Math.Min(longest, Workspace.GatherLimit / k) : 0;
        // Parallel.ForEach may start a new task (and call localInit) many times in one loop: workspaces are reused through
        // the pool, so there are only as many gather buffers as workers running at once, for the whole fit.
        Parallel.ForEach(Partitioner.Create(from, to, 256), parallel, () => _workspaces.TryTake(out var w) && w.Fits(k, gathered) ? w : new Workspace(k, gathered), (range, _, w) =>
        {
            for (int row = range.Item1; row < range.Item2; row++)
            {
                var x = own.AsSpan(row * k, k);
                int from = side.Start[row], n = side.Start[row + 1] - from;
                if (n == 0)
                {
                    x.Clear(); // no interactions: b = 0, so x = 0 exactly
                    continue;
                }
                var partners = side.Other.AsSpan(from, n);
                var confidences = side.Confidence.AsSpan(from, n);
                if (Options.Solver == ImplicitSolver.Cholesky) Solve(gram, other, partners, confidences, x, w);
                else ConjugateGradient(gram, other, partners, confidences, x, w, Options.CgSteps);
            }
            return w;
        }, _workspaces.Add);
    }

    /// <summary>
    /// Eq. 4 exactly: A = (YᵀY + λI) + Σ_i (c_ui − 1)·y_i·y_iᵀ assembled and factored (Cholesky), with the right-hand side
    /// b = Σ_i c_ui·y_i (YᵀC^u p(u), p_ui = 1 on the interactions only) gathered in the same pass over the rows.
    /// </summary>
    private static void Solve(double[] gram, double[] other, ReadOnlySpan<int> partners, ReadOnlySpan<double> confidences, Span<double> x, Workspace w)
    {
        int k = x.Length;
        gram.CopyTo(w.Matrix, 0);
        var weights = w.Weights(partners.Length);
        for (int t = 0; t < partners.Length; t++) weights[t] = confidences[t] - 1;
        x.Clear();
        FactorGram.AddLower(w.Matrix, k, k, other, partners, weights, confidences, x, []);
        if (!SmallCholesky.Solve(w.Matrix, k, x)) throw new InvalidOperationException("implicit-als: a normal-equation matrix is not positive definite (λ > 0 should prevent this)");
    }

    /// <summary>
    /// Takács, Pilászy &amp; Tikk 2011, §3.2 (the conjugate-gradient solver of implicit ALS): r = b − A·x from the warm
    /// start x, then <paramref name="steps"/> CG steps, each with one implicit product A·p = (YᵀY + λI)p + Σ (c − 1)(yᵀp)y.
    /// Both sums over the interactions are one pass of <see cref="AddProjections"/> each. The partners' rows are first
    /// gathered into the worker's contiguous buffer (<see cref="FactorGram.GatherRows"/>, unless a row has more than
    /// <see cref="Workspace.GatherLimit"/> doubles of them), so that the 1 + steps passes fetch each scattered row from
    /// memory once instead of every time: the same arithmetic in the same order, so the same result to the last bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ConjugateGradient(double[] gram, double[] other, ReadOnlySpan<int> partners, ReadOnlySpan<double> confidences,
        Span<double> x, Workspace w, int steps)
    {
        int k = x.Length;
        ReadOnlySpan<double> rows = other;
        if (partners.Length <= w.GatheredRows)
        {
            var gathered = w.Gathered.AsSpan(0, partners.Length * k);
            FactorGram.GatherRows(other, k, partners, gathered);
            rows = gathered;
            partners = w.Identity.AsSpan(0, partners.Length);
        }
        Span<double> r = w.Residual, p = w.Direction, ap = w.Product;
        // r = Σ c·y − (YᵀY + λI)x − Σ (c − 1)(yᵀx)y = −(YᵀY + λI)x + Σ (c − (c − 1)·yᵀx)·y
        Multiply(gram, x, -1, r);
        AddProjections(rows, partners, confidences, x, 1, -1, r);
        r.CopyTo(p);
        double rr = SmallDense.Dot(r, r);
        for (int step = 0; step < steps && rr > 1e-20; step++)
        {
            Multiply(gram, p, 1, ap);
            AddProjections(rows, partners, confidences, p, 0, 1, ap);
            double alpha = rr / SmallDense.Dot(p, ap);
            SmallDense.Axpy(alpha, p, x);
            SmallDense.Axpy(-alpha, ap, r);
            double next = SmallDense.Dot(r, r);
            double beta = next / rr;
            for (int i = 0; i < k; i++) p[i] = r[i] + beta * p[i];
            rr = next;
        }
    }

    /// <summary>
    /// output = sign·G·v for the symmetric k×k G (full, row-major) as Σ_i v_i·G[i, :], four rows per pass over output,
    /// so that output is loaded and stored once per four fused multiply-adds and no horizontal sums are needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(double[] gram, ReadOnlySpan<double> v, double sign, Span<double> output)
    {
        int k = v.Length, i = 0;
        if (gram.Length < k * k || output.Length != k) throw new ArgumentException("a k×k matrix and k outputs");
        output.Clear();
        for (; i + 4 <= k; i += 4)
        {
            double s0 = sign * v[i], s1 = sign * v[i + 1], s2 = sign * v[i + 2], s3 = sign * v[i + 3];
            var g0 = gram.AsSpan(i * k, k);
            var g1 = gram.AsSpan((i + 1) * k, k);
            var g2 = gram.AsSpan((i + 2) * k, k);
            var g3 = gram.AsSpan((i + 3) * k, k);
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var w0 = Vector256.Create(s0);
                var w1 = Vector256.Create(s1);
                var w2 = Vector256.Create(s2);
                var w3 = Vector256.Create(s3);
                for (; j + 4 <= k; j += 4)
                {
                    var sum = Vector256.FusedMultiplyAdd(w0, Vector256.Create(g0.Slice(j, 4)), Vector256.Create(output.Slice(j, 4)));
                    sum = Vector256.FusedMultiplyAdd(w1, Vector256.Create(g1.Slice(j, 4)), sum);
                    sum = Vector256.FusedMultiplyAdd(w2, Vector256.Create(g2.Slice(j, 4)), sum);
                    Vector256.FusedMultiplyAdd(w3, Vector256.Create(g3.Slice(j, 4)), sum).CopyTo(output.Slice(j, 4));
                }
            }
            for (; j < k; j++) output[j] += s0 * g0[j] + s1 * g1[j] + s2 * g2[j] + s3 * g3[j];
        }
        for (; i < k; i++) SmallDense.Axpy(sign * v[i], gram.AsSpan(i * k, k), output);
    }

    /// <summary>
    /// output += Σ_t (a·c_t + b·(c_t − 1)·y_tᵀv)·y_t over the rows y_t = other[partners[t]·k ..], four rows at a time:
    /// their four dot products share the loads of v, and output is loaded and stored once per four rows, each row read
    /// from memory once (the second read, for the update, hits L1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddProjections(ReadOnlySpan<double> other, ReadOnlySpan<int> partners, ReadOnlySpan<double> confidences, ReadOnlySpan<double> v,
        double a, double b, Span<double> output)
    {
        int k = v.Length, n = partners.Length, t = 0, vectorEnd = Vector256.IsHardwareAccelerated ? k & ~3 : 0;
        if (output.Length != k || confidences.Length < n) throw new ArgumentException("one confidence per row and k outputs");
        foreach (int row in partners)
            if ((uint)row >= (uint)(other.Length / k)) throw new ArgumentOutOfRangeException(nameof(partners));
        ref double f = ref MemoryMarshal.GetReference(other);
        ref double vr = ref MemoryMarshal.GetReference(v);
        ref double o = ref MemoryMarshal.GetReference(output);
        for (; t + 4 <= n; t += 4)
        {
            ref double y0 = ref Unsafe.Add(ref f, partners[t] * k);
            ref double y1 = ref Unsafe.Add(ref f, partners[t + 1] * k);
            ref double y2 = ref Unsafe.Add(ref f, partners[t + 2] * k);
            ref double y3 = ref Unsafe.Add(ref f, partners[t + 3] * k);
            Vector256<double> d0 = Vector256<double>.Zero, d1 = d0, d2 = d0, d3 = d0;
            int j = 0;
            for (; j < vectorEnd; j += 4)
            {
                var vj = Vector256.LoadUnsafe(ref vr, (nuint)j);
                d0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y0, (nuint)j), vj, d0);
                d1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y1, (nuint)j), vj, d1);
                d2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y2, (nuint)j), vj, d2);
                d3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref y3, (nuint)j), vj, d3);
            }
            double e0 = Vector256.Sum(d0), e1 = Vector256.Sum(d1), e2 = Vector256.Sum(d2), e3 = Vector256.Sum(d3);
            for (; j < k; j++)
            {
                double vj = Unsafe.Add(ref vr, j);
                e0 += Unsafe.Add(ref y0, j) * vj; e1 += Unsafe.Add(ref y1, j) * vj;
                e2 += Unsafe.Add(ref y2, j) * vj; e3 += Unsafe.Add(ref y3, j) * vj;
            }
            double c0 = confidences[t], c1 = confidences[t + 1], c2 = confidences[t + 2], c3 = confidences[t + 3];
            double s0 = a * c0 + b * (c0 - 1) * e0, s1 = a * c1 + b * (c1 - 1) * e1, s2 = a * c2 + b * (c2 - 1) * e2, s3 = a * c3 + b * (c3 - 1) * e3;
            var w0 = Vector256.Create(s0);
            var w1 = Vector256.Create(s1);
            var w2 = Vector256.Create(s2);
            var w3 = Vector256.Create(s3);
            for (j = 0; j < vectorEnd; j += 4)
            {
                var sum = Vector256.FusedMultiplyAdd(w0, Vector256.LoadUnsafe(ref y0, (nuint)j), Vector256.LoadUnsafe(ref o, (nuint)j));
                sum = Vector256.FusedMultiplyAdd(w1, Vector256.LoadUnsafe(ref y1, (nuint)j), sum);
                sum = Vector256.FusedMultiplyAdd(w2, Vector256.LoadUnsafe(ref y2, (nuint)j), sum);
                Vector256.FusedMultiplyAdd(w3, Vector256.LoadUnsafe(ref y3, (nuint)j), sum).StoreUnsafe(ref o, (nuint)j);
            }
            for (; j < k; j++)
                Unsafe.Add(ref o, j) += s0 * Unsafe.Add(ref y0, j) + s1 * Unsafe.Add(ref y1, j) + s2 * Unsafe.Add(ref y2, j) + s3 * Unsafe.Add(ref y3, j);
        }
        for (; t < n; t++)
        {
            var y = other.Slice(partners[t] * k, k);
            double c = confidences[t];
            SmallDense.Axpy(a * c + b * (c - 1) * SmallDense.Dot(y, v), y, output);
        }
    }

    /// <summary>
    /// One worker's scratch vectors, allocated once per worker, not per user; <paramref name="gatheredRows"/> partner rows
    /// of k fit in its gather buffer (0 for the exact solver, which does not gather).
    /// </summary>
    private sealed class Workspace(int k, int gatheredRows)
    {
        /// <summary>
        /// Most doubles of partner rows the conjugate-gradient solver gathers (32 MiB): a row with more interactions
        /// (k = 64: over 65,536) reads them where they are, so a worker's buffer stays bounded whatever the data.
        /// </summary>
        public const int GatherLimit = 1 << 22;

        private double[] _weights = [];

        public double[] Residual { get; } = new double[k];

        public double[] Direction { get; } = new double[k];

        public double[] Product { get; } = new double[k];

        public double[] Matrix { get; } = new double[k * k];

        /// <summary>Rows that fit in <see cref="Gathered"/>.</summary>
        public int GatheredRows => gatheredRows;

        /// <summary>Whether this workspace serves factors of length <paramref name="factors"/> and gathers at least <paramref name="rows"/> rows.</summary>
        public bool Fits(int factors, int rows) => factors == k && rows <= gatheredRows;

        /// <summary>The partner rows of one solve, one after another.</summary>
        public double[] Gathered { get; } = new double[gatheredRows * k];

        /// <summary>0, 1, …, <see cref="GatheredRows"/> − 1: the gathered rows' indices.</summary>
        public int[] Identity { get; } = Enumerable.Range(0, gatheredRows).ToArray();

        /// <summary>A buffer of at least <paramref name="length"/> weights (grown, never shrunk).</summary>
        public Span<double> Weights(int length)
        {
            if (_weights.Length < length) _weights = new double[Math.Max(length, 2 * _weights.Length)];
            return _weights.AsSpan(0, length);
        }
    }
}
