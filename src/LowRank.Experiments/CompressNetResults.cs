using LowRank.Compression.Networks;

namespace LowRank.Experiments;

/// <summary>Everything <see cref="CompressNetExperiment.Run"/> measured; rendering is the caller's.</summary>
public sealed record CompressNetResults
{
    /// <summary>Layer widths, input to output (784, 512, 256, 10).</summary>
    public required IReadOnlyList<int> Widths { get; init; }

    public required int TrainCount { get; init; }

    public required int TestCount { get; init; }

    /// <summary>Test accuracy of the uncompressed network.</summary>
    public required double BaseAccuracy { get; init; }

    /// <summary>Weights of its Linear layers (biases not counted) and all its parameters.</summary>
    public required long BaseWeights { get; init; }

    public required int BaseParameters { get; init; }

    /// <summary>Mean training loss per epoch of the base network.</summary>
    public required IReadOnlyList<double> BaseLoss { get; init; }

    public required double BaseTrainingSeconds { get; init; }

    /// <summary>Training samples per second of the base network (forward, backward and Adam step).</summary>
    public required double TrainingSamplesPerSecond { get; init; }

    /// <summary>Singular values of each trained weight matrix.</summary>
    public required IReadOnlyList<LayerSpectrum> Spectra { get; init; }

    /// <summary>Every compressed network, rule by rule.</summary>
    public required IReadOnlyList<CompressionPoint> Compressed { get; init; }

    /// <summary>
    /// The fine-tuned network with the most weights within <see cref="TargetShare"/> (chosen without looking at any
    /// accuracy: <see cref="CompressNetExperiment.AtTarget"/>), or null if none was fine-tuned.
    /// </summary>
    public required CompressionPoint? AtTarget { get; init; }

    public required double TargetShare { get; init; }

    /// <summary>Inference samples per second (test set, batches of 1000, median of the repeats): uncompressed, and the network at the target.</summary>
    public required double InferenceSamplesPerSecond { get; init; }

    public required double? CompressedInferenceSamplesPerSecond { get; init; }

    /// <summary>What the shifted task is.</summary>
    public required string ShiftedTask { get; init; }

    /// <summary>The base network, frozen, on the shifted task's test set.</summary>
    public required double FrozenAccuracy { get; init; }

    /// <summary>Full fine-tuning (Rank null) and the adapters, in rank order.</summary>
    public required IReadOnlyList<AdapterPoint> Adaptations { get; init; }

    /// <summary>Spectrum of the full fine-tuning update, per layer.</summary>
    public required IReadOnlyList<UpdateSpectrum> UpdateSpectra { get; init; }

    /// <summary>Seconds of computation.</summary>
    public required double Seconds { get; init; }
}
