namespace LowRank.Completion;

/// <summary>
/// Settings of <see cref="SoftImputePredictor"/>. The record has no parameter defaults: its two sets of defaults are
/// the named presets <see cref="ExactCompletion"/> and <see cref="RatingPrediction"/>, each written once, here.
/// </summary>
/// <param name="Rank">Rank cap: at most this many singular values survive the thresholding.</param>
/// <param name="LambdaRatio">λ_K / λ_max: the last λ of the path as a fraction of λ_max (scale-free).</param>
/// <param name="PathLength">K, the number of λ values, spaced geometrically from λ_max = σ₁(P_Ω(X)) down to λ_K.</param>
/// <param name="MaxIterations">Iteration cap per λ.</param>
/// <param name="Tolerance">ε of Algorithm 1 step 2(a)ii: stop when ‖Z_new − Z_old‖_F² / ‖Z_old‖_F² &lt; ε.</param>
/// <param name="Oversampling">Extra columns of the tracked subspace beyond the rank cap.</param>
/// <param name="Center">Subtract the mean of the observed entries before, add it back after.</param>
/// <param name="Seed">Seed of the starting subspace.</param>
public sealed record SoftImputeOptions(int Rank, double LambdaRatio, int PathLength, int MaxIterations, double Tolerance,
    int Oversampling, bool Center, int Seed)
{
    /// <summary>
    /// Completing a matrix that is (close to) low-rank: a path of 10 λ values down to λ_K = 10⁻⁴·λ_max, each run to
    /// ε = 10⁻¹² (at most 10,000 iterations), centred.
    /// </summary>
    public static SoftImputeOptions ExactCompletion { get; } = new(Rank: 10, LambdaRatio: 1e-4, PathLength: 10,
        MaxIterations: 10_000, Tolerance: 1e-12, Oversampling: 5, Center: true, Seed: 0);

    /// <summary>
    /// Rating-prediction defaults, tuned on MovieLens 100k (5-fold RMSE 0.942): λ_K = 0.14·λ_max (the
    /// <see cref="CompletionOptions.Regularization"/> is this ratio), at most 30 iterations per λ, ε = 10⁻⁵.
    /// </summary>
    public static SoftImputeOptions RatingPrediction { get; } = ExactCompletion with { LambdaRatio = 0.14, MaxIterations = 30, Tolerance = 1e-5 };

    /// <summary><see cref="RatingPrediction"/> (or <see cref="ExactCompletion"/>) with the fields <paramref name="o"/> sets.</summary>
    public static SoftImputeOptions From(CompletionOptions o)
    {
        var d = o.Exact ? ExactCompletion : RatingPrediction;
        return d with
        {
            Rank = o.Rank ?? d.Rank, LambdaRatio = o.Regularization ?? d.LambdaRatio, MaxIterations = o.MaxIterations ?? d.MaxIterations,
            Tolerance = o.Tolerance ?? d.Tolerance, Center = o.Center ?? d.Center, Seed = o.Seed,
        };
    }
}
