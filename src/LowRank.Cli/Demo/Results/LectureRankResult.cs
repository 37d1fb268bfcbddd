namespace LowRank.Cli.Demo;

/// <summary>A_k of the lecture's matrix (rows), σ_(k+1), ‖A − A_k‖_F² and the k(m+n+1) numbers it is stored with.</summary>
internal sealed record LectureRankResult(int Rank, double[][] Approximation, double SigmaNext, double FrobeniusErrorSquared, long StoredNumbers);
