using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// Hard-impute: iterate "fill the missing entries, project to rank k, restore the observed entries" (the rank-k
/// projection step of Mazumder, Hastie &amp; Tibshirani 2010, §4 "Hard-Impute"; also the alternating projections of
/// Chu, Funderlic &amp; Plemmons 2003 between the rank-k matrices and the matrices that agree with the data).
/// Z₀ is the mean fill; Z_(t+1) = P_Ω(X) + P_Ω⊥(L_t) with L_t the best rank-k approximation of Z_t, computed by
/// <see cref="SubspaceSvd"/> warm-started from the previous iterate on the sparse + low-rank form of Z
/// (<see cref="SparsePlusLowRank"/>). Stops when the relative change ‖Z_(t+1) − Z_t‖_F / ‖Z_t‖_F is below the
/// tolerance. Predictions are L, the last rank-k matrix.
/// </summary>
public sealed class HardImputePredictor(HardImputeOptions options, ILinalgBackend? backend = null) : DensePredictor, IIterativePredictor
{
    public override string Name => "hard-impute";

    public HardImputeOptions Options { get; } = options;

    public IterationTrace? Trace { get; private set; }

    protected override void FitCore(RatingSet train, CancellationToken cancellationToken)
    {
        var b = backend ?? Backends.Current;
        int k = Math.Min(Options.Rank, Math.Min(train.UserCount, train.ItemCount));
        var z = new SparsePlusLowRank(train, 0, MeanFill.AsFactors(train, Options.Fill), b);
        var svd = new SubspaceSvd(train.UserCount, train.ItemCount, k, Options.Oversampling, Options.Seed, b);
        var changes = new List<double>();
        bool converged = false;
        for (int t = 0; t < Options.MaxIterations && !converged; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // ‖Z_t‖_F² = ‖P_Ω(X)‖² + ‖P_Ω⊥(L_t)‖²; Z_(t+1) − Z_t = P_Ω⊥(L_(t+1) − L_t).
            double norm = z.ObservedNormSquared + z.L.NormSquared() - z.LowRankObservedNormSquared;
            var (change, _) = z.Replace(svd.Step(z, k, s => s));
            double relative = norm > 0 ? Math.Sqrt(change / norm) : Math.Sqrt(change);
            changes.Add(relative);
            converged = relative < Options.Tolerance;
        }
        Estimate = z.L.ToDense(b);
        Trace = new IterationTrace(changes.Count, converged, changes);
    }
}
