namespace LowRank.Completion.Evaluation;

/// <summary>
/// The outcome of tuning on one training part: the grid searched, every setting's validation score, and the chosen
/// setting (lowest RMSE, or highest NDCG@N in implicit mode).
/// </summary>
public sealed record TuningResult(string Grid, string Criterion, IReadOnlyList<(string Label, double Score)> Trials, GridPoint Chosen);
