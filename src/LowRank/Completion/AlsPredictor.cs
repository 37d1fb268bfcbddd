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
        try
        {
            Alternate(train, cancellationToken);
        }
        finally
        {
            _partialSums = null;
        }
    }

    private void Alternate(RatingSet train, CancellationToken cancellationToken)
    {
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
        try
        {
            return SolveRows(lists, from, to, own, ownBias, other, otherBias);
        }
        finally
        {
            _partialSums = null;
        }
    }

    /// <summary>
    /// Bytes of the other side's factor table that one pass of <see cref="SolveRowsBySlabs"/> reads: a slab that stays
    /// in the 32 MB L3 cache beside the partial normal equations streaming through. A half-sweep whose other side's table
    /// is no larger takes the one-pass path; at MovieLens 20M's shape (k = 64) only the item half-sweep is split, over
    /// three slabs of the 71 MB user table. Tests shrink it to force the slab path on small data.
    /// </summary>
    internal long SlabBytes { get; init; } = 24L << 20;

    /// <summary>
    /// Most bytes of partial normal equations (<see cref="PartialStride"/> doubles per row) that the slab path keeps between its
    /// passes: rows beyond that are solved in further groups, each passing over all slabs. MovieLens 20M's 26,744 items
    /// at k = 64 need 0.9 GB, one group. Tests shrink it to force several groups.
    /// </summary>
    internal long PartialSumsBytes { get; init; } = 1L << 30;

    /// <summary>The slab path's partial normal equations of one group of rows, kept for the fit (released at its end).</summary>
    private double[]? _partialSums;

    private double SolveRows(RatingLists lists, int from, int to, double[] own, double[] ownBias, double[] other, double[] otherBias)
    {
        int k = Factors;
        int slabRows = (int)Math.Clamp(SlabBytes / (k * sizeof(double)), 1, int.MaxValue);
        if (other.Length / k > slabRows) return SolveRowsBySlabs(lists, from, to, own, ownBias, other, otherBias, slabRows);
        int d = UseBiases ? k + 1 : k;
        var squaredErrors = new double[to - from];
        int longest = Longest(lists, from, to);
        Parallel.ForEach(Partitioner.Create(from, to, 64), Workers, () => new Workspace(d, k, longest), (range, _, w) =>
        {
            for (int row = range.Item1; row < range.Item2; row++)
            {
                int n = lists.Length(row);
                if (n == 0 || n < d)
                {
                    squaredErrors[row - from] = SolveShort(lists, row, own, ownBias, other, otherBias, w);
                    continue;
                }
                var partners = lists.Other.AsSpan(lists.Start[row], n);
                var ratings = lists.Value.AsSpan(lists.Start[row], n);
                var sums = new PartialSums(w.A.AsSpan(Offset * d + Offset), d, w.B.AsSpan(Offset, k), w.SumQ);
                sums.Clear(k);
                double sumT = 0, tt = 0;
                for (int s = 0; s < n; s++) w.Targets[s] = Target(ratings[s], otherBias, partners[s]);
                Add(partners, w.Targets.AsSpan(0, n), other, sums, n, ref sumT, ref tt);
                squaredErrors[row - from] = SolvePrimal(n, sumT, tt, Penalty(n), d, w);
                Store(row, own, ownBias, w.B);
            }
            return w;
        }, _ => { });
        return squaredErrors.Sum();
    }

    /// <summary>
    /// The half-sweep of <see cref="SolveRows(RatingLists, int, int, double[], double[], double[], double[])"/> in passes
    /// over slabs of <paramref name="slabRows"/> rows of the other side's factors, for a table too large for the cache
    /// (MovieLens 20M's item half-sweep reads 20M partner rows of 512 bytes scattered over the 71 MB user table, each from
    /// memory): in each pass every row adds the partners in that slab to its persistent partial normal equations (the k×k
    /// Gram's lower triangle, Zᵀt, Σ q, Σ t, Σ t²), and after the last slab it is solved as in the one-pass path. Within
    /// a slab the partners keep their order, so where each row's partners are in ascending order (as when the ratings
    /// were indexed from user-major entries) every sum adds the same terms in the same order as one pass: with k a
    /// multiple of 8 (the Gram's tiles then accumulate straight into the sums) the factors are bit-identical, otherwise
    /// equal to rounding. Rows with fewer ratings than unknowns take the dual solve in the last pass.
    /// </summary>
    private double SolveRowsBySlabs(RatingLists lists, int from, int to, double[] own, double[] ownBias, double[] other, double[] otherBias, int slabRows)
    {
        int k = Factors, d = UseBiases ? k + 1 : k, stride = PartialStride(k), otherRows = other.Length / k;
        int groupRows = (int)Math.Clamp(PartialSumsBytes / (stride * (long)sizeof(double)), 1, to - from);
        if (_partialSums is null || _partialSums.Length < groupRows * stride) _partialSums = GC.AllocateUninitializedArray<double>(groupRows * stride);
        var store = _partialSums;
        var squaredErrors = new double[to - from];
        int longest = Longest(lists, from, to);
        for (int group = from; group < to; group += groupRows)
        {
            int groupEnd = Math.Min(to, group + groupRows);
            for (int low = 0; low < otherRows; low += slabRows)
            {
                int high = Math.Min(otherRows, low + slabRows);
                bool first = low == 0, last = high == otherRows;
                Parallel.ForEach(Partitioner.Create(group, groupEnd, 64), Workers, () => new Workspace(d, k, longest), (range, _, w) =>
                {
                    for (int row = range.Item1; row < range.Item2; row++)
                    {
                        int n = lists.Length(row);
                        if (n == 0 || n < d)
                        {
                            if (last) squaredErrors[row - from] = SolveShort(lists, row, own, ownBias, other, otherBias, w);
                            continue;
                        }
                        var state = store.AsSpan((row - group) * stride, stride);
                        var sums = new PartialSums(state[..(k * k)], k, state.Slice(k * k, k), state.Slice(k * k + k, k));
                        ref double sumT = ref state[k * k + 2 * k];
                        ref double tt = ref state[k * k + 2 * k + 1];
                        if (first)
                        {
                            sums.Clear(k);
                            sumT = tt = 0;
                        }
                        var partners = lists.Other.AsSpan(lists.Start[row], n);
                        var ratings = lists.Value.AsSpan(lists.Start[row], n);
                        int m = 0;
                        for (int s = 0; s < n; s++)
                        {
                            int partner = partners[s];
                            if (partner < low || partner >= high) continue;
                            w.Partners[m] = partner;
                            w.Targets[m++] = Target(ratings[s], otherBias, partner);
                        }
                        if (m > 0) Add(w.Partners.AsSpan(0, m), w.Targets.AsSpan(0, m), other, sums, n, ref sumT, ref tt);
                        if (!last) continue;
                        sums.CopyLowerTo(w.A.AsSpan(Offset * d + Offset), d, w.B.AsSpan(Offset, k), w.SumQ, k);
                        squaredErrors[row - from] = SolvePrimal(n, sumT, tt, Penalty(n), d, w);
                        Store(row, own, ownBias, w.B);
                    }
                    return w;
                }, _ => { });
            }
        }
        return squaredErrors.Sum();
    }

    /// <summary>Doubles of one row's partial normal equations: the k×k Gram (lower triangle used), Zᵀt's and Σ q's k entries, Σ t and Σ t², padded to whole 64-byte lines.</summary>
    private static int PartialStride(int k) => (k * k + 2 * k + 2 + 7) & ~7;

    /// <summary>One worker per core (left unbounded, the thread pool adds workers that only compete for the two cores' caches).</summary>
    private static ParallelOptions Workers => new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    private static int Longest(RatingLists lists, int from, int to)
    {
        int longest = 0;
        for (int row = from; row < to; row++) longest = Math.Max(longest, lists.Length(row));
        return longest;
    }

    /// <summary>ρ's λ·n^α for a row with n ratings (Zhou et al. eq. 5 with α = 1).</summary>
    private double Penalty(int n) => Options.Lambda * Math.Pow(n, Options.Exponent);

    private int Offset => UseBiases ? 1 : 0;

    /// <summary>A row with no ratings (zero factors and bias) or fewer ratings than unknowns (<see cref="SolveDual"/>); returns its squared error.</summary>
    private double SolveShort(RatingLists lists, int row, double[] own, double[] ownBias, double[] other, double[] otherBias, Workspace w)
    {
        int n = lists.Length(row), k = Factors;
        if (n == 0)
        {
            own.AsSpan(row * k, k).Clear();
            ownBias[row] = 0;
            return 0;
        }
        double squaredError = SolveDual(lists.Other.AsSpan(lists.Start[row], n), lists.Value.AsSpan(lists.Start[row], n), other, otherBias, Penalty(n),
            UseBiases ? k + 1 : k, w.A, w.B);
        Store(row, own, ownBias, w.B);
        return squaredError;
    }

    /// <summary>Copies a solved x = [b; p] into the row's bias and factors.</summary>
    private void Store(int row, double[] own, double[] ownBias, double[] x)
    {
        int k = Factors;
        if (UseBiases) ownBias[row] = x[0];
        x.AsSpan(Offset, k).CopyTo(own.AsSpan(row * k, k));
    }

    /// <summary>
    /// Adds the partners' terms to a row's normal equations: Σ t and Σ t² in partner order, and from one pass of
    /// <see cref="FactorGram"/> over their factor rows the Gram Σ q·qᵀ, Zᵀt = Σ t·q and (with biases) Σ q; the partners
    /// are all or part of the row's <paramref name="n"/>.
    /// </summary>
    private void Add(ReadOnlySpan<int> partners, ReadOnlySpan<double> targets, double[] other, PartialSums sums, int n, ref double sumT, ref double tt)
    {
        foreach (double t in targets)
        {
            sumT += t;
            tt += t * t;
        }
        FactorGram.AddLower(sums.Gram, sums.Ld, Factors, other, partners, [], targets, sums.Combination, UseBiases ? sums.SumQ : [], wholeRows: n);
    }

    /// <summary>
    /// x = (ZᵀZ + ρI)⁻¹Zᵀt from the d×d normal equations in <paramref name="w"/>: ZᵀZ's k×k block (lower triangle) in A
    /// and Zᵀt's k entries in B from <see cref="Add"/>, the bias row from Σ q, n and <paramref name="sumT"/>. ρ =
    /// <paramref name="lambda"/> plus 10⁻¹² of the mean diagonal, so that λ = 0 with fewer ratings than unknowns still has a
    /// solution; a system that is still singular leaves x at zero. Returns Σ (t − zᵀx)² = tᵀt − xᵀZᵀt − ρ‖x‖², which
    /// holds because (ZᵀZ + ρI)x = Zᵀt (so xᵀZᵀZx = xᵀZᵀt − ρ‖x‖²).
    /// </summary>
    private double SolvePrimal(int n, double sumT, double tt, double lambda, int d, Workspace w)
    {
        double[] a = w.A, x = w.B;
        int k = Factors;
        if (UseBiases)
        {
            x[0] = sumT;
            a[0] = n;
            for (int f = 0; f < k; f++) a[(f + 1) * d] = w.SumQ[f];
        }
        double trace = 0;
        for (int i = 0; i < d; i++) trace += a[i * d + i];
        double ridge = lambda + 1e-12 * trace / d;
        for (int i = 0; i < d; i++) a[i * d + i] += ridge;
        var zt = w.Targets.AsSpan(0, d);
        x.AsSpan(0, d).CopyTo(zt); // Zᵀt, kept for the squared error (t is no longer needed)
        if (!SmallCholesky.Solve(a.AsSpan(0, d * d), d, x.AsSpan(0, d)))
        {
            Array.Clear(x);
            return tt;
        }
        var x0 = x.AsSpan(0, d);
        return Math.Max(0, tt - SmallDense.Dot(x0, zt) - ridge * SmallDense.Dot(x0, x0));
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

    /// <summary>One worker's scratch for all its rows: the d×d system A, x (B), Σ q, and the partners and targets t of one row.</summary>
    private sealed class Workspace(int d, int k, int longest)
    {
        public double[] A { get; } = new double[d * d];
        public double[] B { get; } = new double[d];
        public double[] SumQ { get; } = new double[k];
        public double[] Targets { get; } = new double[Math.Max(longest, d)];
        public int[] Partners { get; } = new int[longest];
    }

    /// <summary>The sums of one row's normal equations that <see cref="Add"/> accumulates: the Gram's lower triangle (rows of <see cref="Ld"/>), Zᵀt and Σ q.</summary>
    private readonly ref struct PartialSums(Span<double> gram, int ld, Span<double> combination, Span<double> sumQ)
    {
        public Span<double> Gram { get; } = gram;
        public int Ld { get; } = ld;
        public Span<double> Combination { get; } = combination;
        public Span<double> SumQ { get; } = sumQ;

        /// <summary>Zeroes the k×k Gram block (both triangles, so that the tiles crossing the diagonal never meet stale values) and the vectors.</summary>
        public void Clear(int k)
        {
            for (int i = 0; i < k; i++) Gram.Slice(i * Ld, k).Clear();
            Combination.Clear();
            SumQ.Clear();
        }

        /// <summary>Copies the Gram's lower triangle into <paramref name="gram"/> (rows of <paramref name="ld"/>) and the vectors beside it.</summary>
        public void CopyLowerTo(Span<double> gram, int ld, Span<double> combination, Span<double> sumQ, int k)
        {
            for (int i = 0; i < k; i++) Gram.Slice(i * Ld, i + 1).CopyTo(gram.Slice(i * ld, i + 1));
            Combination.CopyTo(combination);
            SumQ.CopyTo(sumQ);
        }
    }

    /// <summary>t = r − μ − b_other (without biases, r).</summary>
    private double Target(double rating, double[] otherBias, int partner) => rating - Mean - (UseBiases ? otherBias[partner] : 0);
}
