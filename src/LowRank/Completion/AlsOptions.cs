namespace LowRank.Completion;

/// <summary>Settings of <see cref="AlsPredictor"/>.</summary>
/// <param name="Rank">k, latent factors.</param>
/// <param name="Lambda">λ of the weighted-λ regularisation λ·(n_u^α‖p_u‖² + n_i^α‖q_i‖²) (biases included).</param>
/// <param name="Epochs">Sweep cap (one sweep solves every user, then every item).</param>
/// <param name="Tolerance">Stop when the training RMSE changes by less than this between sweeps.</param>
/// <param name="Biases">Model μ + b_u + b_i + p_uᵀq_i; without, p_uᵀq_i (exact low-rank recovery, λ = 0).</param>
/// <param name="Exponent">α: the ridge of a user with n ratings is λ·n^α (Zhou et al.: α = 1).</param>
/// <param name="Seed">Seed of the initial item factors, N(0, 0.1²).</param>
public sealed record AlsOptions(int Rank = 10, double Lambda = 1.2, int Epochs = 15, double Tolerance = 1e-6, bool Biases = true,
    double Exponent = 0.5, int Seed = 0)
{
    public static AlsOptions From(CompletionOptions o) => new(o.Rank ?? 10, o.Regularization ?? 1.2, o.Epochs ?? 15,
        o.Tolerance ?? 1e-6, o.Biases ?? true, o.RegularizationExponent ?? 0.5, o.Seed);
}
