using System.Collections.Concurrent;
using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// Alternating least squares with weighted-λ regularisation: Y. Zhou, D. Wilkinson, R. Schreiber, R. Pan,
/// "Large-scale parallel collaborative filtering for the Netflix Prize", AAIM 2008, §3 (ALS-WR): minimise
/// Σ_(u,i)∈Ω (r_ui − r̂_ui)² + λ(Σ_u n_u^α‖p_u‖² + Σ_i n_i^α‖q_i‖²) (α = 1 is their weighted-λ rule; the default
/// α = ½, λ = 1.2 is tuned on MovieLens 100k, RMSE 0.907 against 0.914 for the best α = 1 setting), fixing the item factors and solving every user's
/// (k+1)×(k+1) normal equations (eq. 5, with the bias as one more unknown), then the reverse. Users (items) are
/// independent given the other side, so each half-sweep runs in parallel over blocks of rows; each solve is a small Cholesky.
/// Every row's solve reads only the previous factors, so the fit does not depend on the number of threads.
/// Users are solved first, from the item factors of <see cref="InitialiseItems"/>.
/// </summary>
public sealed class AlsPredictor(AlsOptions options) : FactorModel, IIterativePredictor
{
    public override string Name => "als";

    public AlsOptions Options { get; } = options;

    public IterationTrace? Trace { get; private set; }

    protected override int Factors => Options.Rank >= 1
        ? Options.Rank
        : throw new InvalidInputException($"als: the rank (number of factors) must be at least 1, not {Options.Rank}");

    protected override bool UseBiases => Options.Biases;

    protected override void Learn(RatingSet train, CancellationToken cancellationToken)
    {
        if (Options.Lambda < 0) throw new InvalidInputException($"als: λ must be ≥ 0, not {Options.Lambda}");
        InitialiseItems(train);
        var changes = new List<double>();
        double previous = double.PositiveInfinity;
        bool converged = false;
        for (int epoch = 0; epoch < Options.Epochs && !converged; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SolveSide(train, byUser: true);
            double rmse = Math.Sqrt(SolveSide(train, byUser: false) / Math.Max(1, train.Count));
            double change = Math.Abs(previous - rmse);
            changes.Add(double.IsFinite(change) ? change : rmse);
            converged = change < Options.Tolerance;
            previous = rmse;
        }
        Trace = new IterationTrace(changes.Count, converged, changes);
    }

    /// <summary>
    /// Zhou et al. §3.2 step 1: each item's first factor is its average rating (here minus μ, which the biases model
    /// separately), the others small random numbers, N(0, 0.1²). A data-driven first factor keeps the sweeps away from
    /// the sign-flipped stationary points that a purely random start can fall into.
    /// </summary>
    private void InitialiseItems(RatingSet train)
    {
        int k = Factors;
        Initialise(ItemFactors, 0.1, new Random(Options.Seed));
        var itemMeans = MeanFill.Means(train, FillMode.Column);
        for (int i = 0; i < train.ItemCount; i++)
            ItemFactors[i * k] = train.EntriesOfItem(i).IsEmpty ? 0 : itemMeans[i] - Mean;
    }

    /// <summary>
    /// Solves every user (or item) x = [b; p] from (ZᵀZ + λ·n^α·I)·x = Zᵀt over its n ratings, where the rows of Z are
    /// z = [1; q_other] (without biases z = q_other) and t = r − μ − b_other. The k×k block Σ q·qᵀ, Zᵀt and the bias row
    /// Σ q come from one pass of <see cref="FactorGram"/> over the other side's factor rows (<see cref="SolvePrimal"/>),
    /// or for a row with fewer ratings than unknowns from the n×n dual system (<see cref="SolveDual"/>); each worker
    /// owns one d×d matrix and three vectors for all its rows, so a half-sweep allocates nothing per user. Returns the
    /// training sum of squared errors Σ (t − zᵀx)² at the new x, which each solve gets from its normal equations in
    /// O(k) (after the item half-sweep this is the training error of the whole model), summed in row order so that it
    /// does not depend on the number of threads.
    /// </summary>
    private double SolveSide(RatingSet train, bool byUser)
    {
        var lists = byUser ? train.ByUser : train.ByItem;
        return byUser
            ? SolveRows(lists, 0, lists.RowCount, UserFactors, UserBias, ItemFactors, ItemBias)
            : SolveRows(lists, 0, lists.RowCount, ItemFactors, ItemBias, UserFactors, UserBias);
    }

    /// <summary>
    /// Rows [from, to) of one side's half-sweep (<see cref="SolveSide"/>) into <paramref name="own"/> and
    /// <paramref name="ownBias"/> from the other side's factors and biases, with μ = <paramref name="mean"/>: the seam
    /// of the distributed fit (LowRank.Distributed.Als), where each process holds the lists of its own rows only.
    /// Returns these rows' sum of squared training errors, as <see cref="SolveSide"/> does.
    /// </summary>
    internal double SolveRows(double mean, RatingLists lists, int from, int to, double[] own, double[] ownBias, double[] other, double[] otherBias)
    {
        Mean = mean;
        return SolveRows(lists, from, to, own, ownBias, other, otherBias);
    }

    private double SolveRows(RatingLists lists, int from, int to, double[] own, double[] ownBias, double[] other, double[] otherBias)
    {
        int k = Factors, d = UseBiases ? k + 1 : k, offset = UseBiases ? 1 : 0;
        var squaredErrors = new double[to - from];
        int longest = 0;
        for (int row = from; row < to; row++) longest = Math.Max(longest, lists.Length(row));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.ForEach(Partitioner.Create(from, to, 64), parallel, () => (A: new double[d * d], B: new double[d], SumQ: new double[k], Targets: new double[longest]), (range, _, w) =>
        {
            for (int row = range.Item1; row < range.Item2; row++)
            {
                int start = lists.Start[row], n = lists.Length(row);
                if (n == 0)
                {
                    own.AsSpan(row * k, k).Clear();
                    ownBias[row] = 0;
                    continue;
                }
                var partners = lists.Other.AsSpan(start, n);
                var ratings = lists.Value.AsSpan(start, n);
                double lambda = Options.Lambda * Math.Pow(n, Options.Exponent);
                squaredErrors[row - from] = n < d
                    ? SolveDual(partners, ratings, other, otherBias, lambda, d, w.A, w.B)
                    : SolvePrimal(partners, ratings, other, otherBias, lambda, d, w.A, w.B, w.SumQ, w.Targets);
                if (UseBiases) ownBias[row] = w.B[0];
                w.B.AsSpan(offset, k).CopyTo(own.AsSpan(row * k, k));
            }
            return w;
        }, _ => { });
        return squaredErrors.Sum();
    }

    /// <summary>
    /// x = (ZᵀZ + ρI)⁻¹Zᵀt from the d×d normal equations: ZᵀZ's k×k block and Zᵀt's k entries from one pass of
    /// <see cref="FactorGram"/> over the partners' rows, the bias row as Σ q (same pass), n and Σ t. ρ = λ·n^α (Zhou et al. eq. 5 with α = 1) plus 10⁻¹² of the mean diagonal, so that λ = 0 with fewer
    /// ratings than unknowns still has a solution; a system that is still singular leaves x at zero.
    /// <paramref name="targets"/> is scratch for the n values t. Returns Σ (t − zᵀx)² = tᵀt − xᵀZᵀt − ρ‖x‖², which holds
    /// because (ZᵀZ + ρI)x = Zᵀt (so xᵀZᵀZx = xᵀZᵀt − ρ‖x‖²).
    /// </summary>
    private double SolvePrimal(ReadOnlySpan<int> partners, ReadOnlySpan<double> ratings, double[] other, double[] otherBias, double lambda,
        int d, double[] a, double[] x, double[] sumQ, double[] targets)
    {
        int k = Factors, offset = UseBiases ? 1 : 0, n = partners.Length;
        Array.Clear(a);
        Array.Clear(x);
        Array.Clear(sumQ);
        var t = targets.AsSpan(0, n);
        double sumT = 0, tt = 0;
        for (int s = 0; s < n; s++)
        {
            double target = t[s] = Target(ratings[s], otherBias, partners[s]);
            sumT += target;
            tt += target * target;
        }
        FactorGram.AddLower(a.AsSpan(offset * d + offset), d, k, other, partners, [], t, x.AsSpan(offset, k), UseBiases ? sumQ : []);
        if (UseBiases)
        {
            x[0] = sumT;
            a[0] = n;
            for (int f = 0; f < k; f++) a[(f + 1) * d] = sumQ[f];
        }
        double trace = 0;
        for (int i = 0; i < d; i++) trace += a[i * d + i];
        double ridge = lambda + 1e-12 * trace / d;
        for (int i = 0; i < d; i++) a[i * d + i] += ridge;
        x.AsSpan(0, d).CopyTo(targets); // Zᵀt, kept for the squared error (t is no longer needed)
        if (!SmallCholesky.Solve(a.AsSpan(0, d * d), d, x.AsSpan(0, d)))
        {
            Array.Clear(x);
            return tt;
        }
        var x0 = x.AsSpan(0, d);
        return Math.Max(0, tt - SmallDense.Dot(x0, targets.AsSpan(0, d)) - ridge * SmallDense.Dot(x0, x0));
    }

    /// <summary>
    /// The same x for a row with fewer ratings n than unknowns d, by the push-through identity
    /// (ZᵀZ + ρI)⁻¹Zᵀ = Zᵀ(ZZᵀ + ρI)⁻¹: an n×n system K·y = t with K_st = z_sᵀz_t + ρ·[s = t] (the same ρ: ZZᵀ and ZᵀZ have
    /// the same trace), then x = Σ_t y_t·z_t — O(n²k + n³) instead of O(nk² + k³) for the many items with a handful of
    /// ratings. The partners' factor rows are copied as the columns of a k×n block, so that QQᵀ is the Gram of that
    /// block's rows (<see cref="FactorGram"/>'s tiles) and x's factors are k contiguous dot products. Returns
    /// Σ (t − zᵀx)² = ρ²‖y‖², since t − ZZᵀy = ρy.
    /// </summary>
    private double SolveDual(ReadOnlySpan<int> partners, ReadOnlySpan<double> ratings, double[] other, double[] otherBias, double lambda,
        int d, double[] a, double[] x)
    {
        int k = Factors, n = partners.Length, offset = UseBiases ? 1 : 0;
        var kernel = a.AsSpan(0, n * n);
        Span<double> y = n <= 512 ? stackalloc double[n] : new double[n];
        Span<double> columns = k * n <= 4096 ? stackalloc double[k * n] : new double[k * n];
        Span<int> identity = k <= 1024 ? stackalloc int[k] : new int[k];
        double tt = 0;
        for (int s = 0; s < n; s++)
        {
            var qs = other.AsSpan(partners[s] * k, k);
            for (int f = 0; f < k; f++) columns[f * n + s] = qs[f];
            y[s] = Target(ratings[s], otherBias, partners[s]);
            tt += y[s] * y[s];
        }
        for (int f = 0; f < k; f++) identity[f] = f;
        kernel.Clear();
        FactorGram.AddLower(kernel, n, n, columns, identity, []);
        double trace = 0;
        for (int s = 0; s < n; s++)
        {
            for (int t = 0; t <= s; t++) kernel[s * n + t] += offset;
            trace += kernel[s * n + s];
        }
        double ridge = lambda + 1e-12 * trace / d;
        for (int s = 0; s < n; s++) kernel[s * n + s] += ridge;
        Array.Clear(x);
        if (!SmallCholesky.Solve(kernel, n, y)) return tt;
        if (UseBiases)
            for (int t = 0; t < n; t++) x[0] += y[t];
        for (int f = 0; f < k; f++) x[offset + f] = SmallDense.Dot(columns.Slice(f * n, n), y);
        return ridge * ridge * SmallDense.Dot(y, y);
    }

    /// <summary>t = r − μ − b_other (without biases, r).</summary>
    private double Target(double rating, double[] otherBias, int partner) => rating - Mean - (UseBiases ? otherBias[partner] : 0);
}
