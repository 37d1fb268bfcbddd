using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>U_k·diag(f(σ))·V_kᵀ from a truncated SVD, with the singular values optionally shrunk.</summary>
internal static class LowRankReconstruction
{
    /// <summary>The sum over the first <paramref name="k"/> triplets of shrink(σ_i)·u_i·v_iᵀ (one gemm).</summary>
    public static Matrix Build(SingularValueDecomposition svd, int k, Func<double, double> shrink, ILinalgBackend backend)
    {
        var us = svd.U!.LeadingColumns(k);
        for (int j = 0; j < k; j++)
        {
            double s = shrink(svd.S[j]);
            foreach (ref double x in us.Column(j)) x *= s;
        }
        return backend.Multiply(us, svd.VT!.LeadingRows(k));
    }
}
