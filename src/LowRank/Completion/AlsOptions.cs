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
    /// <summary>
    /// Completing a matrix that is exactly rank k (the lecture's noiseless case): p_uᵀq_i without biases, λ = 0, up to
    /// 10,000 sweeps until the training RMSE changes by less than 10⁻¹⁰.
    /// </summary>
    public static AlsOptions ExactCompletion { get; } = new(Lambda: 0, Epochs: 10_000, Tolerance: 1e-10, Biases: false);

    /// <summary>The record's defaults (rating prediction), or <see cref="ExactCompletion"/>, with the fields <paramref name="o"/> sets.</summary>
    public static AlsOptions From(CompletionOptions o)
    {
        var d = o.Exact ? ExactCompletion : new AlsOptions();
        return d with
        {
            Rank = o.Rank ?? d.Rank, Lambda = o.Regularization ?? d.Lambda, Epochs = o.Epochs ?? d.Epochs, Tolerance = o.Tolerance ?? d.Tolerance,
            Biases = o.Biases ?? d.Biases, Exponent = o.RegularizationExponent ?? d.Exponent, Seed = o.Seed,
        };
    }
}
