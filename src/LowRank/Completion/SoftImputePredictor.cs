using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// Soft-Impute: R. Mazumder, T. Hastie, R. Tibshirani, "Spectral regularization algorithms for learning large
/// incomplete matrices", JMLR 11 (2010), Algorithm 1. Along a decreasing path λ₁ &gt; … &gt; λ_K, each solution
/// warm-starting the next (step 2), iterate Z_new = S_λ(P_Ω(X) + P_Ω⊥(Z_old)) (step 2(a)i) until the relative
/// squared change is below ε (step 2(a)ii); S_λ(W) = U·diag((σ_i − λ)₊)·Vᵀ soft-thresholds the singular values
/// (their Lemma 1). The SVD is the warm-started randomized <see cref="SubspaceSvd"/> (their §5 uses a truncated
/// PROPACK SVD the same way), and at most <see cref="SoftImputeOptions.Rank"/> values are kept (a rank cap, as in
/// their experiments). λ₁ = λ_max = σ₁(P_Ω(X)), the smallest λ whose solution is 0. With
/// <see cref="SoftImputeOptions.Center"/> the global mean is subtracted first and added back (ratings: a missing
/// entry then starts at the mean, not at 0).
/// </summary>
public sealed class SoftImputePredictor(SoftImputeOptions options, ILinalgBackend? backend = null) : DensePredictor, IIterativePredictor
{
    public override string Name => "soft-impute";

    public SoftImputeOptions Options { get; } = options;

    public IterationTrace? Trace { get; private set; }

    /// <summary>The λ values of the last fit, largest first.</summary>
    public IReadOnlyList<double> LambdaPath { get; private set; } = [];

    protected override void FitCore(RatingSet train, CancellationToken cancellationToken)
    {
        var b = backend ?? Backends.Current;
        double offset = Options.Center ? train.GlobalMean : 0;
        var projected = new Matrix(train.UserCount, train.ItemCount);
        for (int e = 0; e < train.Count; e++) projected[train.Users[e], train.Items[e]] = train.Values[e] - offset;
        var observed = HardImputePredictor.ObservedMask(train);
        int k = Math.Min(Options.Rank, projected.MinDimension);
        double lambdaMax = SvdSolver.Compute(projected, 1, SvdMethod.Auto, computeVectors: false, backend: b).S[0];
        LambdaPath = Path(lambdaMax);
        var svd = new SubspaceSvd(projected.Rows, projected.Cols, k, Options.Oversampling, Options.Seed, b);
        var z = new Matrix(projected.Rows, projected.Cols);
        var w = new Matrix(projected.Rows, projected.Cols);
        var changes = new List<double>();
        bool converged = false;
        foreach (double lambda in LambdaPath)
        {
            converged = false;
            for (int t = 0; t < Options.MaxIterations && !converged; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (int p = 0; p < w.Data.Length; p++) w.Data[p] = observed[p] ? projected.Data[p] : z.Data[p];
                var next = LowRankReconstruction.Build(svd.Step(w), k, s => Math.Max(s - lambda, 0), b);
                double change = 0, norm = 0;
                for (int p = 0; p < z.Data.Length; p++)
                {
                    double d = next.Data[p] - z.Data[p];
                    change += d * d;
                    norm += z.Data[p] * z.Data[p];
                }
                double relative = norm == 0 ? double.PositiveInfinity : change / norm;
                changes.Add(Math.Sqrt(relative));
                converged = relative < Options.Tolerance || (norm == 0 && change == 0);
                z = next;
            }
        }
        if (offset != 0)
            foreach (ref double x in z.Data.AsSpan()) x += offset;
        Estimate = z;
        Trace = new IterationTrace(changes.Count, converged, changes);
    }

    /// <summary>K values from λ_max down to λ_K, equally spaced on a log scale.</summary>
    private double[] Path(double lambdaMax)
    {
        double last = Options.Lambda ?? Options.LambdaRatio * lambdaMax;
        if (last <= 0 || !double.IsFinite(last)) throw new InvalidInputException($"soft-impute: the final λ must be positive, not {last}");
        int count = Math.Max(1, Options.PathLength);
        double first = Math.Max(lambdaMax, last);
        var path = new double[count];
        for (int t = 0; t < count; t++)
            path[t] = count == 1 ? last : first * Math.Pow(last / first, (double)t / (count - 1));
        return path;
    }
}
