using LowRank.Decompositions;

namespace LowRank.Completion;

/// <summary>
/// The options every method is built from (<see cref="PredictorRegistry"/>): a null field means "the method's own
/// default", so one record configures a whole comparison and each method still starts from its published settings.
/// </summary>
public sealed record CompletionOptions
{
    /// <summary>Rank k (number of latent factors; rank cap for soft-impute).</summary>
    public int? Rank { get; init; }

    /// <summary>Seed of every random choice (initial factors, SGD order, random sketches).</summary>
    public int Seed { get; init; }

    /// <summary>Regularisation strength λ (meaning per method: ALS's λ, SGD's reg, soft-impute's λ_K/λ_max).</summary>
    public double? Regularization { get; init; }

    /// <summary>α of ALS's ridge λ·n^α for a user or item with n ratings (Zhou et al.'s weighted-λ rule is α = 1).</summary>
    public double? RegularizationExponent { get; init; }

    /// <summary>Sweeps over the data (ALS, SGD, baseline).</summary>
    public int? Epochs { get; init; }

    /// <summary>Iteration cap of the impute methods.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>Stopping tolerance on the relative change between iterations.</summary>
    public double? Tolerance { get; init; }

    /// <summary>β of hard-impute's heavy-ball extrapolation (0: none).</summary>
    public double? Momentum { get; init; }

    /// <summary>Whether soft-impute subtracts the mean of the observed entries first (ratings: yes; exact low-rank completion: no).</summary>
    public bool? Center { get; init; }

    /// <summary>Initial value of missing entries for the SVD-based methods.</summary>
    public FillMode? Fill { get; init; }

    /// <summary>Whether factor models include μ + b_u + b_i (false: a pure low-rank model, for exact recovery).</summary>
    public bool? Biases { get; init; }

    /// <summary>
    /// Exact matrix completion, the lecture's noiseless case: the methods that have one start from their exact-completion
    /// preset (no biases, no regularisation, iterate to 10⁻¹⁰) instead of the rating-prediction defaults, and the
    /// caller leaves the scale unbounded (<see cref="RatingScale.Unbounded"/>). Only mean-svd, hard-impute, soft-impute and als have one (<see cref="PredictorRegistry.Create"/> refuses the rest).
    /// </summary>
    public bool Exact { get; init; }

    /// <summary>How the SVD-based methods compute a truncated SVD.</summary>
    public SvdMethod SvdMethod { get; init; } = SvdMethod.Auto;
}
