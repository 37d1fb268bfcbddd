using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Neural.Approximation;

/// <summary>
/// The best a rank-k linear map can do on a fixed set of samples, the floor of the sampled training protocol.
/// With the samples' second-moment matrix C = XᵀX/N (X holds one sample per row), the sampled loss is
/// (1/N)·Σᵢ‖(W − A)xᵢ‖² = ‖(W − A)·C^½‖_F², so by Eckart–Young applied to B = A·C^½ the minimiser over rank ≤ k is
/// W* = B_k·C^−½ with B_k the truncated SVD of B (reduced-rank regression: Izenman 1975, Anderson 1951). When C = I
/// (the expectation for x ~ N(0, I)), W* is the truncated SVD of A itself.
/// </summary>
public static class SampleOptimum
{
    /// <summary>
    /// W* for an m×n <paramref name="a"/> and N×n <paramref name="samples"/> (one sample per row, N ≥ n, full column
    /// rank). C^½ and C^−½ come from the symmetric eigendecomposition of C (LAPACK dsyevd).
    /// </summary>
    public static Matrix Fit(Matrix a, Matrix samples, int rank, ILinalgBackend? backend = null)
    {
        backend ??= Backends.Current;
        if (samples.Cols != a.Cols) throw new ArgumentException($"samples have {samples.Cols} features, A has {a.Cols} columns");
        return FromSecondMoment(a, backend.Multiply(samples, samples, transA: true), samples.Rows, rank, backend);
    }

    /// <summary>
    /// W* for the very samples <see cref="BottleneckApproximator.Fit"/> draws for these options (the same seed), so a
    /// report can show the protocol's own floor next to the network and the SVD.
    /// </summary>
    public static Matrix ForProtocol(Matrix a, BottleneckOptions options, ILinalgBackend? backend = null)
    {
        backend ??= Backends.Current;
        var xt = BottleneckSamples.Inputs(a.Cols, options.Samples, options.Seed);
        return FromSecondMoment(a, backend.Multiply(xt, xt, transB: true), options.Samples, options.Rank, backend);
    }

    /// <summary>W* from the unnormalised second moment G = XᵀX of <paramref name="count"/> samples.</summary>
    private static Matrix FromSecondMoment(Matrix a, Matrix g, int count, int rank, ILinalgBackend backend)
    {
        int n = a.Cols;
        if (rank < 1 || rank > a.MinDimension) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in 1..{a.MinDimension}");
        foreach (ref double x in g.Data.AsSpan()) x /= count;
        var (values, vectors) = backend.SymmetricEigen(g);
        if (values[0] <= NumericalRank.Tolerance(values[^1], n, n)) // ascending: smallest ≤ n·ε·largest
            throw new InvalidInputException($"the {count} samples do not span all {n} input directions");
        var root = Function(vectors, values, Math.Sqrt, backend);
        var inverseRoot = Function(vectors, values, v => 1 / Math.Sqrt(v), backend);
        var b = backend.Multiply(a, root);
        var svd = ExactSvd.Compute(b, true, backend).Truncate(rank);
        return backend.Multiply(backend.Multiply(ResidualNorms.ScaledColumns(svd.U!, svd.S), svd.VT!), inverseRoot);
    }

    /// <summary>V·f(Λ)·Vᵀ.</summary>
    private static Matrix Function(Matrix vectors, double[] values, Func<double, double> f, ILinalgBackend backend) =>
        backend.Multiply(ResidualNorms.ScaledColumns(vectors, values.Select(f).ToArray()), vectors, transB: true);
}
