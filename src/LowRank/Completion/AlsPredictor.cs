using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// Alternating least squares with weighted-λ regularisation: Y. Zhou, D. Wilkinson, R. Schreiber, R. Pan,
/// "Large-scale parallel collaborative filtering for the Netflix Prize", AAIM 2008, §3 (ALS-WR): minimise
/// Σ_(u,i)∈Ω (r_ui − r̂_ui)² + λ(Σ_u n_u‖p_u‖² + Σ_i n_i‖q_i‖²), fixing the item factors and solving every user's
/// (k+1)×(k+1) normal equations (eq. 5, with the bias as one more unknown), then the reverse. Users (items) are
/// independent given the other side, so each half-sweep is a Parallel.For; each solve is a small Cholesky.
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
            SolveSide(train, byUser: false);
            double rmse = TrainingRmse(train);
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
        for (int i = 0; i < train.ItemCount; i++)
        {
            var entries = train.EntriesOfItem(i);
            double sum = 0;
            foreach (int e in entries) sum += train.Values[e];
            ItemFactors[i * k] = entries.Length == 0 ? 0 : sum / entries.Length - Mean;
        }
    }

    /// <summary>
    /// Solves every user (or item) x = [b; p] from (Σ z zᵀ + λn I)·x = Σ (r − μ − b_other)·z over its ratings,
    /// z = [1; q_other] (without biases x = p, z = q_other).
    /// </summary>
    private void SolveSide(RatingSet train, bool byUser)
    {
        int k = Factors, d = UseBiases ? k + 1 : k, offset = UseBiases ? 1 : 0;
        int count = byUser ? train.UserCount : train.ItemCount;
        double[] own = byUser ? UserFactors : ItemFactors, other = byUser ? ItemFactors : UserFactors;
        double[] ownBias = byUser ? UserBias : ItemBias, otherBias = byUser ? ItemBias : UserBias;
        var users = train.Users.ToArray();
        var items = train.Items.ToArray();
        var values = train.Values.ToArray();
        Parallel.For(0, count, () => (A: new double[d * d], B: new double[d], Z: new double[d]), (row, _, buffers) =>
        {
            var entries = byUser ? train.EntriesOfUser(row) : train.EntriesOfItem(row);
            var (a, b, z) = buffers;
            Array.Clear(a);
            Array.Clear(b);
            if (entries.Length == 0)
            {
                own.AsSpan(row * k, k).Clear();
                ownBias[row] = 0;
                return buffers;
            }
            foreach (int e in entries)
            {
                int partner = byUser ? items[e] : users[e];
                if (UseBiases) z[0] = 1;
                other.AsSpan(partner * k, k).CopyTo(z.AsSpan(offset));
                double target = values[e] - Mean - (UseBiases ? otherBias[partner] : 0);
                for (int i = 0; i < d; i++)
                {
                    b[i] += target * z[i];
                    for (int j = 0; j <= i; j++) a[i * d + j] += z[i] * z[j];
                }
            }
            // λ·n_u (Zhou et al. eq. 5), plus 10⁻¹² of the mean diagonal so that λ = 0 with fewer ratings than
            // unknowns still has a (least-norm-like) solution; a system that is still singular leaves the row at zero.
            double trace = 0;
            for (int i = 0; i < d; i++) trace += a[i * d + i];
            double ridge = Options.Lambda * entries.Length + 1e-12 * trace / d;
            for (int i = 0; i < d; i++)
            {
                a[i * d + i] += ridge;
                for (int j = 0; j < i; j++) a[j * d + i] = a[i * d + j];
            }
            if (!SmallDense.CholeskySolve(a, b, d)) Array.Clear(b);
            if (UseBiases) ownBias[row] = b[0];
            b.AsSpan(offset, k).CopyTo(own.AsSpan(row * k, k));
            return buffers;
        }, _ => { });
    }
}
