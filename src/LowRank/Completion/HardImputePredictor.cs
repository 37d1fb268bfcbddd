using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// Hard-impute: iterate "fill the missing entries, project to rank k, restore the observed entries" (the rank-k
/// projection step of Mazumder, Hastie &amp; Tibshirani 2010, §4 "Hard-Impute"; also the alternating projections of
/// Chu, Funderlic &amp; Plemmons 2003 between the rank-k matrices and the matrices that agree with the data).
/// Z₀ is the mean fill; Z_(t+1) = P_Ω(X) + P_Ω⊥(L_t) with L_t the best rank-k approximation of Z_t, computed by
/// <see cref="SubspaceSvd"/> warm-started from the previous iterate. Stops when the relative change of Z is below
/// the tolerance. Predictions are L, the last rank-k matrix.
/// </summary>
public sealed class HardImputePredictor(HardImputeOptions options, ILinalgBackend? backend = null) : DensePredictor, IIterativePredictor
{
    public override string Name => "hard-impute";

    public HardImputeOptions Options { get; } = options;

    public IterationTrace? Trace { get; private set; }

    protected override void FitCore(RatingSet train, CancellationToken cancellationToken)
    {
        var b = backend ?? Backends.Current;
        var z = MeanFill.Apply(train, Options.Fill);
        int k = Math.Min(Options.Rank, z.MinDimension);
        var svd = new SubspaceSvd(z.Rows, z.Cols, k, Options.Oversampling, Options.Seed, b);
        var observed = ObservedMask(train);
        var changes = new List<double>();
        bool converged = false;
        Matrix low = z;
        for (int t = 0; t < Options.MaxIterations && !converged; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            low = LowRankReconstruction.Build(svd.Step(z), k, s => s, b);
            double change = 0, norm = 0;
            for (int p = 0; p < z.Data.Length; p++)
            {
                norm += z.Data[p] * z.Data[p];
                if (observed[p]) continue;
                double d = low.Data[p] - z.Data[p];
                change += d * d;
                z.Data[p] = low.Data[p];
            }
            double relative = norm == 0 ? Math.Sqrt(change) : Math.Sqrt(change / norm);
            changes.Add(relative);
            converged = relative < Options.Tolerance;
        }
        Estimate = low;
        Trace = new IterationTrace(changes.Count, converged, changes);
    }

    /// <summary>True at the column-major positions of observed entries.</summary>
    internal static bool[] ObservedMask(RatingSet set)
    {
        var mask = new bool[set.UserCount * set.ItemCount];
        for (int e = 0; e < set.Count; e++) mask[set.Users[e] + set.Items[e] * set.UserCount] = true;
        return mask;
    }
}
