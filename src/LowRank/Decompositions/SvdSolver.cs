using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>Runs the SVD method the user asked for, resolving <see cref="SvdMethod.Auto"/> by a documented rule.</summary>
public static class SvdSolver
{
    /// <summary>Smallest min(m, n) for which <see cref="SvdMethod.Auto"/> considers the randomized method.</summary>
    public const int RandomizedMinDimension = 500;

    /// <summary>Largest storage density (stored bytes over the 8·m·n of dense storage) that <see cref="SvdMethod.Auto"/> treats as sparse.</summary>
    public const double SparseStorageDensity = 0.25;

    /// <summary>
    /// The rule for <see cref="SvdMethod.Auto"/> on dense storage: randomized when k ≤ min(m, n)/10 and
    /// min(m, n) ≥ 500 — there a sketch of k + 10 columns with a few power iterations costs O(mnk) against the
    /// O(mn·min(m, n)) of dgesdd and matches its accuracy to the digits that matter; exact otherwise (small
    /// matrices, or k a large share of the rank). Without a rank (all singular values wanted) the answer is exact.
    /// </summary>
    public static SvdMethod Resolve(SvdMethod method, int m, int n, int? k)
    {
        if (method != SvdMethod.Auto) return method;
        int p = Math.Min(m, n);
        return k is int rank && p >= RandomizedMinDimension && rank <= p / 10 ? SvdMethod.Randomized : SvdMethod.Exact;
    }

    /// <summary>
    /// The rule for <see cref="SvdMethod.Auto"/> on any operator. Dense storage (or a density above
    /// <see cref="SparseStorageDensity"/>): <see cref="Resolve(SvdMethod, int, int, int?)"/>. Sparse storage: exact
    /// (densified) when all values are wanted or min(m, n) &lt; 500, where the dense SVD is small; otherwise lanczos for
    /// k &lt; min(m, n), whose products are single sparse matrix–vector products that cost O(nnz) each — on the
    /// sparse-s benchmark (docs/benchmarks.md) it is faster than the randomized method at k = 10 and 50 and converges
    /// to a tolerance instead of stopping after q iterations — and randomized when k = min(m, n).
    /// </summary>
    public static SvdMethod ResolveFor(SvdMethod method, ILinearOperator a, int? k)
    {
        if (method != SvdMethod.Auto) return method;
        int m = a.Rows, n = a.Cols, p = Math.Min(m, n);
        double storageDensity = m == 0 || n == 0 ? 1 : a.StorageBytes / (8.0 * m * n);
        if (storageDensity > SparseStorageDensity) return Resolve(method, m, n, k);
        if (k is not int rank || p < RandomizedMinDimension) return SvdMethod.Exact;
        return rank < p ? SvdMethod.Lanczos : SvdMethod.Randomized;
    }

    /// <summary>The leading k triplets (all of them when k is null) by the resolved method.</summary>
    public static SingularValueDecomposition Compute(ILinearOperator a, int? k, SvdMethod method = SvdMethod.Auto,
        RandomizedSvdOptions? options = null, bool computeVectors = true, ILinalgBackend? backend = null, LanczosOptions? lanczos = null)
    {
        int p = Math.Min(a.Rows, a.Cols);
        if (k is int rank && (rank < 1 || rank > p))
            throw new InvalidInputException($"rank k = {rank} must be between 1 and min(m, n) = {p} for a {a.Rows}×{a.Cols} matrix", nameof(k));
        var resolved = ResolveFor(method, a, k);
        if (resolved is SvdMethod.Randomized or SvdMethod.Lanczos)
        {
            if (k is null) throw new InvalidInputException($"the {resolved.ToString().ToLowerInvariant()} method needs a rank k", nameof(k));
            return resolved == SvdMethod.Randomized
                ? RandomizedSvd.Compute(a, k.Value, options, backend, computeVectors)
                : LanczosSvd.Compute(a, k.Value, lanczos, backend, computeVectors);
        }
        var exact = ExactSvd.Compute(a, computeVectors, backend);
        return k is int r ? exact.Truncate(r) : exact;
    }
}
