namespace LowRank.Completion;

/// <summary>Settings of <see cref="SgdPredictor"/>; the defaults are Surprise's <c>SVD</c> defaults.</summary>
/// <param name="Rank">n_factors = 100.</param>
/// <param name="Epochs">n_epochs = 20.</param>
/// <param name="LearningRate">lr_all = 0.005.</param>
/// <param name="Regularization">reg_all = 0.02.</param>
/// <param name="InitStd">init_std_dev = 0.1 (init_mean = 0).</param>
/// <param name="Seed">Seed of the initial factors and of the order of each epoch.</param>
public sealed record SgdOptions(int Rank = 100, int Epochs = 20, double LearningRate = 0.005, double Regularization = 0.02,
    double InitStd = 0.1, int Seed = 0)
{
    public static SgdOptions From(CompletionOptions o) =>
        new(o.Rank ?? 100, o.Epochs ?? 20, Regularization: o.Regularization ?? 0.02, Seed: o.Seed);
}
