namespace LowRank.Decompositions;

/// <summary>Parameters of <see cref="LanczosSvd"/>.</summary>
/// <param name="Tolerance">
/// A triplet has converged when its residual ‖Aᵀu − σv‖ (the one the Lanczos relation leaves; A·v = σ·u holds by
/// construction) is at most Tolerance·σ₁, as irlba's <c>tol</c>. The singular values are then accurate to about
/// Tolerance²·σ₁²/gap, far below Tolerance.
/// </param>
/// <param name="WorkSize">Lanczos vectors kept per restart, or null for <see cref="WorkSizeFor"/>.</param>
/// <param name="MaxRestarts">Restarts before giving up (the result then says it has not converged).</param>
/// <param name="Seed">Seed of the random starting vector.</param>
public sealed record LanczosOptions(double Tolerance = 1e-8, int? WorkSize = null, int MaxRestarts = 1000, int Seed = 0)
{
    /// <summary>The work size for k triplets of an operator with min(m, n) = p: max(k + 7, 2k) (irlba's k + 7 at least), at most p.</summary>
    public int WorkSizeFor(int k, int p) => Math.Min(p, WorkSize ?? Math.Max(k + 7, 2 * k));
}
