using System.Text.Json;
using LowRank.Experiments;

namespace LowRank.Cli.Output;

/// <summary>
/// The JSON fields of a bottleneck-network run (docs/architecture.md §3, <c>nn-approx</c>): shared by <c>nn-approx --json</c>, which
/// adds its options, and by each case in the Bleckel experiment's results.json, which adds the published numbers.
/// </summary>
internal class BottleneckJson(BottleneckRun run)
{
    /// <summary>The run, for the fields a derived report adds (not serialized: not public).</summary>
    protected BottleneckRun Run => run;

    public int Rows => run.Rows;
    public int Cols => run.Cols;
    public int Channels => run.Channels.Count;
    public int Rank => run.Rank;
    public string Design => BottleneckNames.Of(run.Design);
    public string Objective => BottleneckNames.Of(run.Objective);
    public int Epochs => run.Epochs;
    public int Parameters => run.Channels.Sum(c => c.Parameters);
    public int NumericalRank => run.NumericalRank;
    public bool RankCheckPassed => run.RankCheckPassed;
    public double NnRelErrorSpectral => run.NnRelErrorSpectral;
    public double SvdRelErrorSpectral => run.SvdRelErrorSpectral;
    public double NnRelErrorFrobenius => run.NnRelErrorFrobenius;
    public double SvdRelErrorFrobenius => run.SvdRelErrorFrobenius;
    public JsonElement RatioSpectral => JsonReport.NumberOrNull(Ratio(run.RatioSpectral, run.SvdRelErrorSpectral));
    public JsonElement RatioFrobenius => JsonReport.NumberOrNull(Ratio(run.RatioFrobenius, run.SvdRelErrorFrobenius));
    public IReadOnlyList<double> Loss => run.Loss;
    public IReadOnlyList<int> LossEpochs => run.LossEpochs;
    public double Seconds => run.Seconds;

    /// <summary>"seconds_to_101"; null: never within 1.01× the SVD error.</summary>
    public JsonElement SecondsTo_101 => JsonReport.NumberOrNull(run.SecondsTo101);

    /// <summary>network/SVD, or null where the SVD is exact (k ≥ rank of A): then the network's own error says how close it came.</summary>
    public static double? Ratio(double ratio, double svdError) => svdError > 0 ? ratio : null;
}
