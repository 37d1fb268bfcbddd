namespace LowRank.Completion.Evaluation;

/// <summary>Mean precision@N, recall@N and NDCG@N over the users of a test set.</summary>
public readonly record struct RankingScores(double Precision, double Recall, double Ndcg);
