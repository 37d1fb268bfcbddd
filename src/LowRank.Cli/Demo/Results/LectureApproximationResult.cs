namespace LowRank.Cli.Demo;

/// <summary>The lecture's A = [[4, 11, 14], [8, 7, −2]]: its singular values and its best rank-k approximations.</summary>
internal sealed record LectureApproximationResult(double[] SingularValues, IReadOnlyList<LectureRankResult> Approximations);
