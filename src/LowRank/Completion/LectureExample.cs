using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// The lecture's ratings table: 3 viewers × 5 movies with 7 known ratings. Their bipartite graph (viewers–movies) is a
/// spanning tree, so exactly one rank-1 matrix agrees with them: <see cref="RankOneCompletion"/>.
/// </summary>
public static class LectureExample
{
    /// <summary>[[2, ?, 10, 5, ?], [?, 3, ?, ?, 2], [?, 1.5, ?, 1, ?]], NaN for "?".</summary>
    public static Matrix Ratings => Matrix.FromArray(new double[,]
    {
        { 2, double.NaN, 10, 5, double.NaN },
        { double.NaN, 3, double.NaN, double.NaN, 2 },
        { double.NaN, 1.5, double.NaN, 1, double.NaN },
    });

    /// <summary>[[2, 7.5, 10, 5, 5], [0.8, 3, 4, 2, 2], [0.4, 1.5, 2, 1, 1]] = (1, 0.4, 0.2)ᵀ·(2, 7.5, 10, 5, 5).</summary>
    public static Matrix RankOneCompletion => Matrix.FromArray(new double[,]
    {
        { 2, 7.5, 10, 5, 5 },
        { 0.8, 3, 4, 2, 2 },
        { 0.4, 1.5, 2, 1, 1 },
    });

    /// <summary>The known ratings as a set with an unbounded scale (predictions are not clipped).</summary>
    public static RatingSet Set => RatingSet.FromDense(Ratings, RatingScale.Unbounded);
}
