using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Distributed;

/// <summary>
/// <see cref="Pca"/> on a matrix partitioned by rows over the processes: the column means of the whole matrix from one
/// Allreduce of the local column sums (n numbers), the centring left implicit (<see cref="CenteredOperator"/> over the
/// local rows, so a sparse block stays sparse), then the distributed randomized SVD (<see cref="DistributedRandomizedSvd"/>)
/// or Lanczos bidiagonalisation (<see cref="DistributedLanczosSvd"/>) of the centred matrix, and ‖C‖_F² from one more
/// Allreduce. Same seed, same answers as one process up to rounding, as for the SVDs.
/// </summary>
public static class DistributedPca
{
    /// <summary>
    /// The leading <paramref name="k"/> principal components of the m×n matrix whose rows <paramref name="block"/> are
    /// <paramref name="localRows"/> on this process, by <paramref name="method"/> (randomized or Lanczos).
    /// </summary>
    public static DistributedPrincipalComponents Fit(ILinearOperator localRows, RowBlock block, int totalRows, int k, SvdMethod method,
        RandomizedSvdOptions options, LanczosOptions lanczos, ICommunicator communicator, ILinalgBackend backend)
    {
        if (totalRows < 2) throw new InvalidInputException($"PCA needs at least 2 rows (samples), not {totalRows}");
        var centred = new CenteredOperator(localRows, new DistributedRows(block, totalRows, communicator), backend);
        var svd = method switch
        {
            SvdMethod.Lanczos => DistributedLanczosSvd.Compute(centred, block, totalRows, k, lanczos, communicator, backend),
            SvdMethod.Randomized => DistributedRandomizedSvd.Compute(centred, block, totalRows, k, options, communicator, backend),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "a distributed PCA runs the randomized or the Lanczos SVD"),
        };
        var squaredNorm = new[] { centred.SquaredFrobeniusNorm() };
        communicator.Allreduce(squaredNorm, Reduction.Sum);
        var (variance, ratio, total) = Pca.Variances(svd.S, squaredNorm[0], totalRows);
        return new DistributedPrincipalComponents
        {
            Mean = centred.ColumnMeans.ToArray(),
            Components = svd.VT,
            ExplainedVariance = variance,
            ExplainedVarianceRatio = ratio,
            TotalVariance = total,
            LocalScores = Pca.Scores(svd.LocalU!, svd.S),
            Svd = svd,
        };
    }
}
