using LowRank.Completion;
using LowRank.Linalg;

namespace LowRank.Tests.Completion;

/// <summary>The lecture's 3 viewers × 5 movies example and random low-rank matrices with a known answer.</summary>
internal static class CompletionFixtures
{
    /// <summary>
    /// 7 known ratings. Their bipartite graph (viewers–movies) is a spanning tree, so the rank-1 completion is unique:
    /// <see cref="LectureCompleted"/>.
    /// </summary>
    public static Matrix LectureRatings => Matrix.FromArray(new double[,]
    {
        { 2, double.NaN, 10, 5, double.NaN },
        { double.NaN, 3, double.NaN, double.NaN, 2 },
        { double.NaN, 1.5, double.NaN, 1, double.NaN },
    });

    public static Matrix LectureCompleted => Matrix.FromArray(new double[,]
    {
        { 2, 7.5, 10, 5, 5 },
        { 0.8, 3, 4, 2, 2 },
        { 0.4, 1.5, 2, 1, 1 },
    });

    /// <summary>The lecture's ratings with an unbounded scale (nothing clipped).</summary>
    public static RatingSet Lecture => RatingSet.FromDense(LectureRatings, Unbounded);

    public static readonly RatingScale Unbounded = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>A random rank-r m×n matrix and a set of its entries observed with probability <paramref name="fraction"/>.</summary>
    public static (Matrix Full, RatingSet Observed) RandomLowRank(int m, int n, int r, double fraction, int seed)
    {
        var rng = new Random(seed);
        var full = new ManagedBackend().Multiply(Gaussian.Matrix(m, r, rng), Gaussian.Matrix(r, n, rng));
        var masked = full.Clone();
        for (int p = 0; p < masked.Data.Length; p++)
            if (rng.NextDouble() >= fraction) masked.Data[p] = double.NaN;
        return (full, RatingSet.FromDense(masked, Unbounded));
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
