using LowRank.Decompositions;

namespace LowRank.Completion;

/// <summary>Settings of <see cref="MeanSvdPredictor"/>.</summary>
/// <param name="Rank">k, the rank of the truncation.</param>
/// <param name="Fill">The mean missing entries get.</param>
/// <param name="Method">Exact (dgesdd) or randomized SVD, or auto (<see cref="SvdSolver.Resolve"/>).</param>
/// <param name="Seed">Seed of the randomized SVD.</param>
public sealed record MeanSvdOptions(int Rank = 10, FillMode Fill = FillMode.Column, SvdMethod Method = SvdMethod.Auto, int Seed = 0)
{
    /// <summary>Rating-prediction defaults: rank 10, item-mean fill (MovieLens 100k 5-fold RMSE 0.977; user-mean 0.985, global 1.039).</summary>
    public static MeanSvdOptions From(CompletionOptions o) =>
        new(o.Rank ?? 10, o.Fill ?? FillMode.Column, o.SvdMethod, o.Seed);
}
