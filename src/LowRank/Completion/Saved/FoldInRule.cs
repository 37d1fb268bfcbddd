namespace LowRank.Completion.Saved;

/// <summary>
/// The ridge a saved model puts on one user's unknowns x = [b_u; p_u] when it solves for them against fixed item
/// parameters: λ·n^α on every diagonal entry of the normal equations, for a user with n ratings. It is the rule the
/// model was trained with, so that folding a user in reproduces the training step: ALS-WR (Zhou et al. 2008, eq. 5)
/// with its λ and α; biased SGD with α = 1 and λ = its reg (Koren, Bell &amp; Volinsky 2009, eq. 5, visited once per
/// rating, weighs ‖p_u‖² n_u times); the baseline with α = 0 and λ = its user regularisation (Koren 2010, §2.1).
/// </summary>
/// <param name="Lambda">λ ≥ 0.</param>
/// <param name="Exponent">α: the ridge of a user with n ratings is λ·n^α.</param>
public sealed record FoldInRule(double Lambda, double Exponent)
{
    /// <summary>λ·n^α for a user with <paramref name="ratings"/> ratings.</summary>
    public double Ridge(int ratings) => Lambda * Math.Pow(ratings, Exponent);
}
