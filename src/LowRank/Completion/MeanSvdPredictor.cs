using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// The lecture's completion method: fill every missing entry with a mean (global, row or column), then replace the
/// matrix by its best rank-k approximation (Eckart–Young), computed with the existing truncated SVD. One SVD, no
/// iteration; <see cref="HardImputePredictor"/> iterates the same step.
/// </summary>
public sealed class MeanSvdPredictor(MeanSvdOptions options, ILinalgBackend? backend = null) : DensePredictor
{
    public override string Name => "mean-svd";

    public MeanSvdOptions Options { get; } = options;

    protected override void FitCore(RatingSet train, CancellationToken cancellationToken)
    {
        var filled = MeanFill.Apply(train, Options.Fill);
        int k = Math.Min(Options.Rank, filled.MinDimension);
        var svd = SvdSolver.Compute(filled, k, Options.Method, new RandomizedSvdOptions(Seed: Options.Seed), backend: backend);
        Estimate = new LowRankFactors(svd.U!, svd.S, svd.VT!.Transpose()).ToDense(backend ?? Backends.Current);
    }
}
