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
        int k = Math.Min(Options.Rank, Math.Min(train.UserCount, train.ItemCount));
        var z = new SparsePlusLowRank(train, offset, LowRankFactors.Zero(train.UserCount, train.ItemCount), b);
        LambdaPath = Path(LargestSingularValue(z, b));
        var svd = new SubspaceSvd(train.UserCount, train.ItemCount, k, Options.Oversampling, Options.Seed, b);
        var changes = new List<double>();
        bool converged = false;
        foreach (double lambda in LambdaPath)
        {
            converged = false;
            for (int t = 0; t < Options.MaxIterations && !converged; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double norm = z.L.NormSquared();
                var next = svd.Step(z, k, s => Math.Max(s - lambda, 0));
                double change = LowRankFactors.DifferenceNormSquared(next, z.L, b);
                z.Replace(next);
                // Step 2(a)ii compares squared norms; the trace records the relative change itself.
                double relative = norm > 0 ? change / norm : change == 0 ? 0 : double.PositiveInfinity;
                changes.Add(Math.Sqrt(relative));
                converged = relative < Options.Tolerance;
            }
        }
        var estimate = z.L.ToDense(b);
        if (offset != 0)
            foreach (ref double x in estimate.Data.AsSpan()) x += offset;
        Estimate = estimate;
        Trace = new IterationTrace(changes.Count, converged, changes);
    }

    /// <summary>σ₁(P_Ω(X)) by a few warm-started subspace steps on the sparse matrix (L = 0).</summary>
    private double LargestSingularValue(SparsePlusLowRank z, ILinalgBackend b)
    {
        var power = new SubspaceSvd(z.Rows, z.Cols, 1, Options.Oversampling, Options.Seed, b);
        double sigma = 0;
        for (int t = 0; t < 8; t++)
        {
            var top = power.Step(z, 1, s => s);
            sigma = top.Rank == 0 ? 0 : top.S[0];
        }
        return sigma;
    }

    /// <summary>K values from λ_max down to λ_K, equally spaced on a log scale.</summary>
    private double[] Path(double lambdaMax)
    {
        if (!(Options.LambdaRatio > 0 && Options.LambdaRatio <= 1))
            throw new InvalidInputException($"soft-impute: λ_K/λ_max must be in (0, 1], not {Options.LambdaRatio}");
        double last = Options.LambdaRatio * lambdaMax;
        if (last == 0) return [0];
        int count = Math.Max(1, Options.PathLength);
        double first = Math.Max(lambdaMax, last);
        var path = new double[count];
        for (int t = 0; t < count; t++)
            path[t] = count == 1 ? last : first * Math.Pow(last / first, (double)t / (count - 1));
        return path;
    }
}
