namespace LowRank.Neural.Approximation;

/// <summary>How <see cref="BottleneckApproximator.Fit"/> builds and trains its network; null members take tuned defaults.</summary>
public sealed record BottleneckOptions
{
    /// <summary>k, the width of the choke point (1 ≤ k ≤ min(m, n)).</summary>
    public required int Rank { get; init; }

    public BottleneckDesign Design { get; init; } = BottleneckDesign.NnKn;

    public TrainingObjective Objective { get; init; } = TrainingObjective.Samples;

    /// <summary>Training samples for <see cref="TrainingObjective.Samples"/> (the study: 10,000; 100,000 for its 400×400 image).</summary>
    public int Samples { get; init; } = 10_000;

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    /// <summary>"adam" or "sgd" (SGD with Nesterov momentum 0.9).</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>Peak learning rate for A scaled to unit spectral norm (the trainer works on A/‖A‖₂).</summary>
    public double? LearningRate { get; init; }

    public int Seed { get; init; }

    /// <summary>Train in double instead of single precision.</summary>
    public bool Float64 { get; init; }

    /// <summary>Stop early once the network's spectral error is at most this multiple of the SVD's (e.g. 1.001).</summary>
    public double? StopAtRatio { get; init; }
}
