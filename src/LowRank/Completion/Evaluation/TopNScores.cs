namespace LowRank.Completion.Evaluation;

/// <summary>
/// Top-N quality over the whole catalogue (<see cref="TopNMetrics"/>): means over the <paramref name="Users"/> users with a
/// relevant held-out item, and the share of the catalogue recommended to at least one of them.
/// </summary>
public readonly record struct TopNScores(double Precision, double Recall, double Map, double Ndcg, double HitRate, double Coverage, int Users);
