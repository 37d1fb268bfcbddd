using LowRank.Completion;
using LowRank.Linalg;

namespace LowRank.Tests.Completion;

/// <summary>Random low-rank matrices with a known answer.</summary>
internal static class CompletionFixtures
{
    /// <summary>A random rank-r m×n matrix and a set of its entries observed with probability <paramref name="fraction"/>.</summary>
    public static (Matrix Full, RatingSet Observed) RandomLowRank(int m, int n, int r, double fraction, int seed)
    {
        var rng = new Random(seed);
        var full = new ManagedBackend().Multiply(Gaussian.Matrix(m, r, rng), Gaussian.Matrix(r, n, rng));
        var masked = full.Clone();
        for (int p = 0; p < masked.Data.Length; p++)
            if (rng.NextDouble() >= fraction) masked.Data[p] = double.NaN;
        return (full, RatingSet.FromDense(masked, RatingScale.Unbounded));
    }

    public static double RelativeError(Matrix estimate, Matrix truth)
    {
        double num = 0, den = 0;
        for (int p = 0; p < truth.Data.Length; p++)
        {
            num += Math.Pow(estimate.Data[p] - truth.Data[p], 2);
            den += truth.Data[p] * truth.Data[p];
        }
        return Math.Sqrt(num / den);
    }
}
