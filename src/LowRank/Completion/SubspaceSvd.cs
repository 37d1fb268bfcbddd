using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// A truncated SVD that is refined from one call to the next: each call runs one step of randomized subspace iteration
/// (Halko, Martinsson &amp; Tropp 2011, Algorithm 4.4 with q = 0) started from the previous right singular subspace,
/// then Algorithm 5.1 (SVD of the projection). Iterative completion changes its matrix a little per iteration, so the
/// warm start is as good as a fresh sketch with many power iterations, at the cost of two products with an n×l block
/// (Mazumder et al. 2010, §5.1, warm-start the truncated SVD the same way). With l = min(m, n) the SVD is exact.
/// </summary>
internal sealed class SubspaceSvd
{
    private readonly ILinalgBackend _backend;
    private Matrix _v;

    /// <summary>Tracks an l-dimensional subspace, l = min(k + oversampling, m, n), from a seeded Gaussian start.</summary>
    public SubspaceSvd(int rows, int cols, int k, int oversampling, int seed, ILinalgBackend backend)
    {
        _backend = backend;
        int l = Math.Min(k + oversampling, Math.Min(rows, cols));
        _v = Orthonormalization.Orthonormalize(Gaussian.Matrix(cols, l, new Random(seed)), backend);
    }

    /// <summary>
    /// Q = orth(Z·V); Bᵀ = ZᵀQ = Ũ·Σ·Ṽᵀ; then Z ≈ (Q·Ṽ)·Σ·Ũᵀ, and V ← Ũ for the next call. Returns the first
    /// <paramref name="k"/> triplets with each σ replaced by shrink(σ), zeros dropped.
    /// </summary>
    public LowRankFactors Step(SparsePlusLowRank z, int k, Func<double, double> shrink)
    {
        var q = Orthonormalization.Orthonormalize(z.Times(_v), _backend);
        var bt = z.TransposeTimes(q);
        var (ub, s, vbt) = _backend.Svd(bt, computeVectors: true);
        var u = _backend.Multiply(q, vbt!, transB: true);
        _v = ub!;
        int kept = 0;
        var shrunk = new double[Math.Min(k, s.Length)];
        for (int f = 0; f < shrunk.Length; f++)
        {
            shrunk[f] = shrink(s[f]);
            if (shrunk[f] > 0) kept = f + 1;
        }
        return new LowRankFactors(u.LeadingColumns(kept), shrunk[..kept], _v.LeadingColumns(kept));
    }
}
