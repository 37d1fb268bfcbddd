using LowRank.Experiments;

namespace LowRank.Cli.Demo;

/// <summary>A bottleneck-network run as the demo reports it: the network's and the SVD's relative spectral errors and the rank check.</summary>
internal sealed record BottleneckSummary(int Rows, int Cols, int Rank, double NnRelErrorSpectral, double SvdRelErrorSpectral, double RatioSpectral,
    int NumericalRank, bool RankCheckPassed, double Seconds)
{
    public static BottleneckSummary Of(BottleneckRun r) =>
        new(r.Rows, r.Cols, r.Rank, r.NnRelErrorSpectral, r.SvdRelErrorSpectral, r.RatioSpectral, r.NumericalRank, r.RankCheckPassed, r.Seconds);
}
