using LowRank.Linalg;

namespace LowRank.Neural.Approximation;

/// <summary>The seeded training inputs of the sampled protocol, shared by the trainer and <see cref="SampleOptimum"/>.</summary>
internal static class BottleneckSamples
{
    /// <summary>Xᵀ, n × N: N independent N(0, I) samples as columns (the column-major view of the row-major batch X).</summary>
    public static Matrix Inputs(int n, int samples, int seed) => Gaussian.Matrix(n, samples, new Random(unchecked(seed * 7919 + 17)));
}
