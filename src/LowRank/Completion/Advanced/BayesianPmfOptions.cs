namespace LowRank.Completion.Advanced;

/// <summary>
/// Parameters of <see cref="BayesianPmf"/>. Defaults are tuned on MovieLens 100k (5-fold cross-validation).
/// </summary>
/// <param name="Rank">D: latent dimensions (each user and item also gets a bias, sampled jointly with its factors).</param>
/// <param name="BurnIn">Gibbs sweeps discarded before averaging.</param>
/// <param name="Samples">Gibbs sweeps whose predictions are averaged (the posterior predictive mean, §3.2).</param>
/// <param name="NoisePrecision">α: precision of the Gaussian rating noise (the paper fixes α = 2; 1.5 fits MovieLens 100k better).</param>
/// <param name="Beta0">β₀: scale of the prior on the hyper-means μ_U, μ_V (the paper's β₀ = 2).</param>
/// <param name="InitialScale">Standard deviation of the random initial factors.</param>
/// <param name="Seed">Seed of every random draw; a seed gives the same result on any number of threads.</param>
public sealed record BayesianPmfOptions(
    int Rank = 10,
    int BurnIn = 30,
    int Samples = 200,
    double NoisePrecision = 1.5,
    double Beta0 = 2,
    double InitialScale = 0.1,
    int Seed = 0)
{
    /// <summary>From the shared options: rank and seed; the rest keeps its tuned default.</summary>
    public static BayesianPmfOptions From(CompletionOptions o)
    {
        var defaults = new BayesianPmfOptions();
        return defaults with { Rank = o.Rank ?? defaults.Rank, Seed = o.Seed };
    }
}
