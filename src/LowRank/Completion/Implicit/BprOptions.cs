namespace LowRank.Completion.Implicit;

/// <summary>
/// Settings of <see cref="Bpr"/>; the defaults are the only place these numbers are written, chosen like
/// <see cref="ImplicitAlsOptions"/>'s on a validation split of MovieLens 100k's training part (implicit, ratings ≥ 4).
/// </summary>
/// <param name="Factors">k, latent factors.</param>
/// <param name="LearningRate">α of LearnBPR's step (Rendle et al. 2009, Fig. 4).</param>
/// <param name="Regularization">λ_Θ, the same for user factors, item factors and item biases.</param>
/// <param name="Epochs">Passes; one pass draws as many triples (u, i, j) as there are interactions.</param>
/// <param name="InitStd">Standard deviation of the initial factors, N(0, σ²); biases start at 0.</param>
/// <param name="Seed">Seed of the initial factors and of the sampler.</param>
/// <param name="Threads">Threads drawing and applying samples concurrently; 1 is deterministic for a seed.</param>
public sealed record BprOptions(int Factors = 64, double LearningRate = 0.05, double Regularization = 0.02, int Epochs = 120,
    double InitStd = 0.1, int Seed = 0, int Threads = 1)
{
    /// <summary>Overrides from the shared options where given (rank, λ, epochs, seed); the rest keep their defaults.</summary>
    public static BprOptions From(CompletionOptions o)
    {
        var d = new BprOptions();
        return d with { Factors = o.Rank ?? d.Factors, Regularization = o.Regularization ?? d.Regularization, Epochs = o.Epochs ?? d.Epochs, Seed = o.Seed };
    }
}
