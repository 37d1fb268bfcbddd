using LowRank.Linalg;
using LowRank.Neural.Approximation;

namespace LowRank.Experiments;

/// <summary>
/// A bottleneck network fitted to one matrix, or to each colour channel of an image, with the errors combined:
/// the spectral errors are the worst channel's, the Frobenius errors those of all channels together
/// (√(Σ_c ‖A_c − B_c‖_F²) / √(Σ_c ‖A_c‖_F²)), the loss per epoch the mean over channels.
/// </summary>
public sealed record BottleneckRun
{
    public required int Rows { get; init; }
    public required int Cols { get; init; }
    public required int Rank { get; init; }
    public required BottleneckDesign Design { get; init; }
    public required TrainingObjective Objective { get; init; }

    /// <summary>The fitted matrices: one per channel.</summary>
    public required IReadOnlyList<Matrix> Inputs { get; init; }

    /// <summary>One result per channel (one for a matrix).</summary>
    public required IReadOnlyList<BottleneckResult> Channels { get; init; }

    public required double NnRelErrorSpectral { get; init; }
    public required double NnRelErrorFrobenius { get; init; }
    public required double SvdRelErrorSpectral { get; init; }
    public required double SvdRelErrorFrobenius { get; init; }

    /// <summary>Largest numerical rank of a channel's effective matrix.</summary>
    public int NumericalRank => Channels.Max(c => c.NumericalRank);

    /// <summary>Whether every channel's effective matrix has numerical rank at most k.</summary>
    public bool RankCheckPassed => Channels.All(c => c.RankCheckPassed);

    /// <summary>Network error over the optimum (spectral norm); 1 when both are zero.</summary>
    public double RatioSpectral => Ratio(NnRelErrorSpectral, SvdRelErrorSpectral);

    /// <summary>Network error over the optimum (Frobenius norm); 1 when both are zero.</summary>
    public double RatioFrobenius => Ratio(NnRelErrorFrobenius, SvdRelErrorFrobenius);

    /// <summary>|network error − SVD error| in the spectral norm: the study's measure.</summary>
    public double GapSpectral => Math.Abs(NnRelErrorSpectral - SvdRelErrorSpectral);

    /// <summary>Training seconds, all channels.</summary>
    public double Seconds => Channels.Sum(c => c.Seconds);

    /// <summary>Training seconds until every channel was within 1.01× its SVD error; null when one never was.</summary>
    public double? SecondsTo101 => Channels.All(c => c.SecondsTo101 is not null) ? Channels.Sum(c => c.SecondsTo101!.Value) : null;

    /// <summary>Epochs trained (the longest channel).</summary>
    public int Epochs => Channels.Max(c => c.History.Count == 0 ? 0 : c.History[^1].Epoch);

    /// <summary>The epochs at which the errors were measured (the first channel's; the approximator may skip epochs).</summary>
    public IReadOnlyList<int> LossEpochs => Channels[0].History.Select(h => h.Epoch).ToArray();

    /// <summary>Mean training loss over the channels at each of <see cref="LossEpochs"/>.</summary>
    public IReadOnlyList<double> Loss =>
        Enumerable.Range(0, Channels[0].History.Count).Select(e => Channels.Where(c => e < c.History.Count).Average(c => c.History[e].Loss)).ToArray();

    /// <summary>The effective matrix of each channel.</summary>
    public IReadOnlyList<Matrix> Effective => Channels.Select(c => c.Effective).ToArray();

    /// <summary>Fits every channel with the same options and combines the results.</summary>
    public static BottleneckRun Fit(IReadOnlyList<Matrix> channels, BottleneckOptions options, Action<BottleneckEpoch>? onEpoch = null,
        CancellationToken cancellationToken = default, ILinalgBackend? backend = null)
    {
        if (channels.Count == 0) throw new ArgumentException("no channels to fit", nameof(channels));
        var results = channels.Select(c => BottleneckApproximator.Fit(c, options, onEpoch, cancellationToken, backend)).ToArray();
        double[] normsSquared = channels.Select(c => Math.Pow(c.FrobeniusNorm(), 2)).ToArray();
        double Combined(Func<BottleneckResult, double> relative)
        {
            double total = normsSquared.Sum();
            return total == 0 ? 0 : Math.Sqrt(results.Select((r, c) => Math.Pow(relative(r), 2) * normsSquared[c]).Sum() / total);
        }
        var first = results[0];
        return new BottleneckRun
        {
            Rows = first.Rows,
            Cols = first.Cols,
            Rank = first.Rank,
            Design = first.Design,
            Objective = first.Objective,
            Inputs = channels,
            Channels = results,
            NnRelErrorSpectral = results.Max(r => r.NnRelErrorSpectral),
            SvdRelErrorSpectral = results.Max(r => r.SvdRelErrorSpectral),
            NnRelErrorFrobenius = Combined(r => r.NnRelErrorFrobenius),
            SvdRelErrorFrobenius = Combined(r => r.SvdRelErrorFrobenius),
        };
    }

    private static double Ratio(double nn, double svd) => svd > 0 ? nn / svd : nn == 0 ? 1 : double.PositiveInfinity;
}
