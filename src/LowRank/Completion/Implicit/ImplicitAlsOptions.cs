namespace LowRank.Completion.Implicit;

/// <summary>
/// Settings of <see cref="ImplicitAls"/>; the defaults are the only place these numbers are written. k, λ and α were
/// chosen on MovieLens 100k as implicit feedback (ratings ≥ 4) by NDCG@10 on a validation split carved from the
/// training part of an 80/20 per-user hold-out (bench/LowRank.Benchmarks, mode <c>implicit --tune</c>); the test part
/// was never seen. Data with counts rather than ratings usually wants a larger α (Hu et al. use 40).
/// </summary>
/// <param name="Factors">k, latent factors.</param>
/// <param name="Regularization">λ of λ(Σ‖x_u‖² + Σ‖y_i‖²) (Hu et al. 2008, eq. 3).</param>
/// <param name="Alpha">α of the confidence c = 1 + α·r (eq. 2–3).</param>
/// <param name="Scaling">Linear confidence 1 + α·r or logarithmic 1 + α·log(1 + r/ε).</param>
/// <param name="Epsilon">ε of the logarithmic confidence.</param>
/// <param name="Iterations">Sweeps (one sweep solves every user, then every item).</param>
/// <param name="Solver">Conjugate gradient (Takács et al. 2011) or exact Cholesky.</param>
/// <param name="CgSteps">Conjugate-gradient steps per user and item per sweep.</param>
/// <param name="InitStd">Standard deviation of the initial item factors, N(0, σ²); user factors start at 0.</param>
/// <param name="Seed">Seed of the initial item factors.</param>
/// <param name="Threads">Cores to use (null: all).</param>
public sealed record ImplicitAlsOptions(int Factors = 32, double Regularization = 20, double Alpha = 1,
    ConfidenceScaling Scaling = ConfidenceScaling.Linear, double Epsilon = 1, int Iterations = 15,
    ImplicitSolver Solver = ImplicitSolver.ConjugateGradient, int CgSteps = 3, double InitStd = 0.01, int Seed = 0, int? Threads = null)
{
    /// <summary>The confidence weighting these settings describe.</summary>
    public Confidence Confidence => new(Alpha, Scaling, Epsilon);

    /// <summary>Overrides from the shared options where given (rank, λ, epochs, seed); the rest keep their defaults.</summary>
    public static ImplicitAlsOptions From(CompletionOptions o)
    {
        var d = new ImplicitAlsOptions();
        return d with { Factors = o.Rank ?? d.Factors, Regularization = o.Regularization ?? d.Regularization, Iterations = o.Epochs ?? d.Iterations, Seed = o.Seed };
    }
}
