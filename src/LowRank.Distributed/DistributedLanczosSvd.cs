using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Distributed;

/// <summary>
/// The augmented implicitly restarted Lanczos bidiagonalisation of Baglama &amp; Reichel (SIAM J. Sci. Comput. 27(1),
/// 2005; <see cref="LanczosSvd"/>, the single-process method) on a matrix partitioned by rows over P processes: process
/// r holds the block Aᵣ (rows <see cref="RowBlock"/>) and the same rows of every left Lanczos vector; the right vectors
/// (length n), the small bidiagonal B and its SVD are replicated. It is <see cref="LanczosSvd.Iterate"/> itself, run on
/// the layout <see cref="DistributedRows"/>, so the restart scheme and every decision are the single-process ones:
/// <list type="bullet">
/// <item>A·v is local (each process forms its rows of the left vector), no communication;</item>
/// <item>Aᵀw = Σᵣ Aᵣᵀwᵣ: the local product, then one Allreduce of n numbers per step;</item>
/// <item>inner products and norms of left vectors: Allreduces of their local partial sums (a few numbers each);</item>
/// <item>the reorthogonalisation of the right vectors, the SVD of B and the restart's rotation of V: replicated.</item>
/// </list>
/// Then the sign rule (<see cref="DistributedSignConvention"/>) and the explicit residuals
/// (<see cref="TripletResiduals"/> over the layout: one more Allreduce of n×k and one of k). Per process:
/// time (products with Aᵣ) + O(mᵣ·w) per step on the left side + O(n·w) per step replicated on the right;
/// communication one n-vector Allreduce per Aᵀ product (docs/distributed.md has the α–β–γ model). With the same seed,
/// every P gives the single-process result up to rounding (the reductions sum in another order); the tests check
/// singular values to 10⁻¹⁰ relative and vectors entry by entry at P = 1…4.
/// </summary>
public static class DistributedLanczosSvd
{
    /// <summary>
    /// The leading <paramref name="k"/> singular triplets of the m×n matrix whose rows <paramref name="block"/> are
    /// <paramref name="localRows"/> on this process. Every process calls it with the same m, k and options.
    /// </summary>
    public static DistributedSvd Compute(ILinearOperator localRows, RowBlock block, int totalRows, int k, LanczosOptions options,
        ICommunicator communicator, ILinalgBackend backend)
    {
        if (localRows.Rows != block.Count) throw new ArgumentException($"the local block has {localRows.Rows} rows, the partition gives it {block.Count}");
        var layout = new DistributedRows(block, totalRows, communicator);
        var ritz = LanczosSvd.Iterate(localRows, layout, k, options, backend);
        DistributedSignConvention.Apply(ritz.U!, ritz.VT!, communicator);
        var residuals = TripletResiduals.Compute(localRows, ritz.U!, ritz.S, ritz.VT!, backend, layout);
        return new DistributedSvd(totalRows, localRows.Cols, ritz.S, ritz.VT!, ritz.U!, block)
        {
            OperatorProducts = ritz.OperatorProducts + 2L * k,
            Iterations = ritz.Restarts,
            Residuals = residuals,
            Converged = ritz.Converged(residuals),
        };
    }

    /// <summary>The checks <see cref="Compute"/> makes before its first collective (<see cref="LanczosSvd.Validate"/>), for a caller to agree on.</summary>
    public static void Validate(int totalRows, int cols, RowBlock block, int k, LanczosOptions options) =>
        LanczosSvd.Validate(totalRows, cols, block.Count, k, options);
}
