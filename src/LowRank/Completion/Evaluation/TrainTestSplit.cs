namespace LowRank.Completion.Evaluation;

/// <summary>Entry numbers of a rating set divided into a training and a test part (disjoint, each sorted ascending).</summary>
public sealed record TrainTestSplit(int[] Train, int[] Test);
