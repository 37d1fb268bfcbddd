using LowRank.Linalg;

namespace LowRank.SingularValueLearning;

/// <summary>
/// The training labels of SV-Learn: the exact singular values of every matrix of a stack, by LAPACK's values-only
/// dgesdd (JOBZ = 'N') per matrix, the matrices shared out over threads in contiguous batches (SV-Learn, Xu, Shiao, Chen,
/// Papalexakis, ICDM Workshops, §IV-A: the labels are the exact singular values). The backend's thread count is left
/// alone: it is process-wide state that other callers may be using concurrently, and OpenBLAS runs problems this small
/// (32×32) on the calling thread anyway.
/// </summary>
public static class SingularValueLabels
{
    /// <summary>Row-major N × min(m, n): row k holds the non-increasing singular values of matrix k.</summary>
    public static double[] Compute(MatrixStack stack, ILinalgBackend? backend = null, int? threads = null,
        CancellationToken cancellationToken = default)
    {
        backend ??= Backends.Current;
        int p = Math.Min(stack.Rows, stack.Cols);
        var labels = new double[(long)stack.Count * p];
        int workers = Math.Max(1, threads ?? Environment.ProcessorCount);
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken };
        int batch = Math.Max(1, (stack.Count + 8 * workers - 1) / (8 * workers));
        Parallel.For(0, (stack.Count + batch - 1) / batch, options, b =>
        {
            for (int k = b * batch; k < Math.Min(stack.Count, (b + 1) * batch); k++)
            {
                var (_, s, _) = backend.Svd(stack.ToMatrix(k), computeVectors: false);
                s.AsSpan(0, p).CopyTo(labels.AsSpan(k * p, p));
            }
        });
        return labels;
    }
}
