using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.Threads ?? -1 };
        Parallel.ForEach(Partitioner.Create(from, to, 256), parallel, () => new Workspace(k), (range, _, w) =>
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
        }, _ => { });
    }

    /// <summary>b = Σ_i c_ui·y_i, the right-hand side YᵀC^u p(u) of eq. 4 (p_ui = 1 on the interactions only).</summary>
    private static void RightHandSide(double[] other, ReadOnlySpan<int> partners, ReadOnlySpan<double> confidences, Span<double> b, int k)
    {
        b.Clear();
        for (int t = 0; t < partners.Length; t++) SmallDense.Axpy(confidences[t], other.AsSpan(partners[t] * k, k), b);
    }

    /// <summary>Eq. 4 exactly: A = (YᵀY + λI) + Σ_i (c_ui − 1)·y_i·y_iᵀ assembled and factored (Cholesky).</summary>
    private static void Solve(double[] gram, double[] other, ReadOnlySpan<int> partners, ReadOnlySpan<double> confidences, Span<double> x, Workspace w)
    {
        int k = x.Length;
        gram.CopyTo(w.Matrix, 0);
        var weights = w.Weights(partners.Length);
        for (int t = 0; t < partners.Length; t++) weights[t] = confidences[t] - 1;
        FactorGram.AddLower(w.Matrix, k, k, other, partners, weights);
        RightHandSide(other, partners, confidences, x, k);
        if (!SmallCholesky.Solve(w.Matrix, k, x)) throw new InvalidOperationException("implicit-als: a normal-equation matrix is not positive definite (λ > 0 should prevent this)");
    }

    /// <summary>
    /// Takács, Pilászy &amp; Tikk 2011, §3.2 (the conjugate-gradient solver of implicit ALS): r = b − A·x from the warm
    /// start x, then <paramref name="steps"/> CG steps, each with one implicit product A·p = (YᵀY + λI)p + Σ (c − 1)(yᵀp)y.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ConjugateGradient(double[] gram, double[] other, ReadOnlySpan<int> partners, ReadOnlySpan<double> confidences,
        Span<double> x, Workspace w, int steps)
    {
        int k = x.Length;
        Span<double> r = w.Residual, p = w.Direction, ap = w.Product;
        // r = Σ c·y − (YᵀY + λI)x − Σ (c − 1)(yᵀx)y = −(YᵀY + λI)x + Σ (c − (c − 1)·yᵀx)·y
        for (int i = 0; i < k; i++) r[i] = -SmallDense.Dot(gram.AsSpan(i * k, k), x);
        for (int t = 0; t < partners.Length; t++)
        {
            var y = other.AsSpan(partners[t] * k, k);
            double c = confidences[t];
            SmallDense.Axpy(c - (c - 1) * SmallDense.Dot(y, x), y, r);
        }
        r.CopyTo(p);
        double rr = SmallDense.Dot(r, r);
        for (int step = 0; step < steps && rr > 1e-20; step++)
        {
            for (int i = 0; i < k; i++) ap[i] = SmallDense.Dot(gram.AsSpan(i * k, k), p);
            for (int t = 0; t < partners.Length; t++)
            {
                var y = other.AsSpan(partners[t] * k, k);
                SmallDense.Axpy((confidences[t] - 1) * SmallDense.Dot(y, p), y, ap);
            }
            double alpha = rr / SmallDense.Dot(p, ap);
            SmallDense.Axpy(alpha, p, x);
            SmallDense.Axpy(-alpha, ap, r);
            double next = SmallDense.Dot(r, r);
            double beta = next / rr;
            for (int i = 0; i < k; i++) p[i] = r[i] + beta * p[i];
            rr = next;
        }
    }

    /// <summary>One worker's scratch vectors, allocated once per worker, not per user.</summary>
    private sealed class Workspace(int k)
    {
        private double[] _weights = [];

        public double[] Residual { get; } = new double[k];

        public double[] Direction { get; } = new double[k];

        public double[] Product { get; } = new double[k];

        public double[] Matrix { get; } = new double[k * k];

        /// <summary>A buffer of at least <paramref name="length"/> weights (grown, never shrunk).</summary>
        public Span<double> Weights(int length)
        {
            if (_weights.Length < length) _weights = new double[Math.Max(length, 2 * _weights.Length)];
            return _weights.AsSpan(0, length);
        }
    }
}
