namespace LowRank.Experiments;

/// <summary>The random matrices of one rank k: mean |network − SVD| error gap (spectral) beside the published one.</summary>
public sealed record BleckelRankSummary(int Rank, IReadOnlyList<BottleneckRun> Runs, double PublishedGap)
{
    public double MeanGap => Runs.Average(r => r.GapSpectral);

    public double WorstRatio => Runs.Max(r => r.RatioSpectral);

    public int RankChecksPassed => Runs.Count(r => r.RankCheckPassed);
}
