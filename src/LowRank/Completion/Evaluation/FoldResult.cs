namespace LowRank.Completion.Evaluation;

/// <summary>
/// One training/test pair of an evaluation (a fold of k-fold, or the one pair of a hold-out or a given test set): its
/// sizes, cold-start test ratings (user or item without training ratings), RMSE and MAE (null for a model that only
/// ranks, or in implicit mode), top-N scores, timings, the iteration trace and the tuning outcome when tuned.
/// </summary>
public sealed record FoldResult(int Fold, int TrainCount, int TestCount, int ColdStart, double? Rmse, double? Mae, TopNScores TopN,
    double FitSeconds, double TestSeconds, double TuneSeconds, IterationTrace? Trace, TuningResult? Tuning);
