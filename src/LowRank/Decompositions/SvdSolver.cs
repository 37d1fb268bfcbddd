using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>Runs the SVD method the user asked for, resolving <see cref="SvdMethod.Auto"/> by a documented rule.</summary>
public static class SvdSolver
{
    /// <summary>Smallest min(m, n) for which <see cref="SvdMethod.Auto"/> considers the randomized method.</summary>
    public const int RandomizedMinDimension = 500;

    /// <summary>
    /// The rule for <see cref="SvdMethod.Auto"/>: randomized when k ≤ min(m, n)/10 and min(m, n) ≥ 500 — there a
    /// sketch of k + 10 columns with a few power iterations costs O(mnk) against the O(mn·min(m, n)) of dgesdd and
    /// matches its accuracy to the digits that matter; exact otherwise (small matrices, or k a large share of the rank).
    /// Without a rank (all singular values wanted) the answer is exact.
    /// </summary>
    public static SvdMethod Resolve(SvdMethod method, int m, int n, int? k)
    {
        if (method != SvdMethod.Auto) return method;
        int p = Math.Min(m, n);
        return k is int rank && p >= RandomizedMinDimension && rank <= p / 10 ? SvdMethod.Randomized : SvdMethod.Exact;
    }

    /// <summary>The leading k triplets (all of them when k is null) by the resolved method.</summary>
    public static SingularValueDecomposition Compute(Matrix a, int? k, SvdMethod method = SvdMethod.Auto,
        RandomizedSvdOptions? options = null, bool computeVectors = true, ILinalgBackend? backend = null)
    {
        int p = a.MinDimension;
        if (k is int rank && (rank < 1 || rank > p))
            throw new InvalidInputException($"rank k = {rank} must be between 1 and min(m, n) = {p} for a {a.Rows}×{a.Cols} matrix");
        var resolved = Resolve(method, a.Rows, a.Cols, k);
        if (resolved == SvdMethod.Randomized)
        {
            if (k is null) throw new InvalidInputException("the randomized method needs a rank: pass --rank k");
            return RandomizedSvd.Compute(a, k.Value, options, backend);
        }
        var exact = ExactSvd.Compute(a, computeVectors, backend);
        return k is int r ? exact.Truncate(r) : exact;
    }
}
