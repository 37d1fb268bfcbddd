using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// A truncated SVD that is refined from one call to the next: each call runs one step of randomized subspace iteration
/// (Halko, Martinsson &amp; Tropp 2011, Algorithm 4.4 with q = 0) started from the previous right singular subspace,
/// then Algorithm 5.1 (SVD of the projection). Iterative completion changes its matrix a little per iteration, so the
/// warm start is as good as a fresh sketch with many power iterations, at the cost of two products with an m×l block.
/// With l = min(m, n) the result is the exact SVD.
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

    /// <summary>Q = orth(Z·V); Bᵀ = ZᵀQ = Ũ·Σ·Ṽᵀ; then Z ≈ (Q·Ṽ)·Σ·Ũᵀ, and V ← Ũ for the next call.</summary>
    public SingularValueDecomposition Step(Matrix z)
    {
        var q = Orthonormalization.Orthonormalize(_backend.Multiply(z, _v), _backend);
        var bt = _backend.Multiply(z, q, transA: true);
        var (ub, s, vbt) = _backend.Svd(bt, computeVectors: true);
        var u = _backend.Multiply(q, vbt!, transB: true);
        _v = ub!;
        return new SingularValueDecomposition(z.Rows, z.Cols, s, u, ub!.Transpose(), SvdMethod.Randomized);
    }
}
