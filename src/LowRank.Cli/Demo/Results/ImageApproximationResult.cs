namespace LowRank.Cli.Demo;

/// <summary>The photograph through the ranks, and the k that each rank rule picks on its spectrum.</summary>
internal sealed record ImageApproximationResult(string Source, int Rows, int Cols, IReadOnlyList<ImageRankResult> Ranks,
    int RankForEnergy099, int RankForRatio1, int RankAutoDenoise);
