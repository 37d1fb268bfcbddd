namespace LowRank.Completion.Evaluation;

/// <summary>One fold of a cross-validation: errors on its held-out ratings, top-N scores, and timings.</summary>
public sealed record FoldResult(int Fold, int TrainCount, int TestCount, double Rmse, double Mae, RankingScores Ranking,
    double FitSeconds, double TestSeconds, IterationTrace? Trace);
