using LowRank.Compression.Networks;

namespace LowRank.Experiments;

/// <summary>
/// What <see cref="CompressNetExperiment.Run"/> needs: the images (the caller reads the files) and the size of the run.
/// The defaults are the full run on Fashion-MNIST.
/// </summary>
public sealed record CompressNetSettings
{
    public required LabelledImages Train { get; init; }

    public required LabelledImages Test { get; init; }

    public int Classes { get; init; } = 10;

    /// <summary>Hidden layer widths of the MLP (784-512-256-10 by default).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [512, 256];

    /// <summary>Training of the uncompressed network.</summary>
    public TrainingPlan Base { get; init; } = new(Epochs: 10, LearningRate: 1e-3);

    /// <summary>The short fine-tuning of the factors of a compressed network.</summary>
    public TrainingPlan FineTune { get; init; } = new(Epochs: 1, LearningRate: 5e-4);

    /// <summary>Training of the adapters and of the full fine-tuning on the shifted task (the same plan for both).</summary>
    public TrainingPlan Adaptation { get; init; } = new(Epochs: 2, LearningRate: 1e-3);

    /// <summary>Weight budgets of the budget rule, as shares of the dense weights.</summary>
    public IReadOnlyList<double> Budgets { get; init; } = [0.03, 0.05, 0.1, 0.15, 0.25, 0.4];

    /// <summary>Ranks of the uniform rule (the same k in every layer).</summary>
    public IReadOnlyList<int> UniformRanks { get; init; } = [4, 8, 16, 32, 64, 128];

    /// <summary>Energy shares of the energy rule (evaluated without fine-tuning).</summary>
    public IReadOnlyList<double> EnergyShares { get; init; } = [0.5, 0.7, 0.8, 0.9, 0.95];

    /// <summary>Adapter ranks r.</summary>
    public IReadOnlyList<int> AdapterRanks { get; init; } = [1, 2, 4, 8, 16];

    /// <summary>LoRA's α; the update is scaled by α/r (Hu et al. 2021, §4.1).</summary>
    public double AdapterAlpha { get; init; } = 8;

    /// <summary>Passes over the test set per inference-throughput measurement (the median is reported).</summary>
    public int InferenceRepeats { get; init; } = 5;

    /// <summary>The share of the weights the compression target allows.</summary>
    public double TargetShare { get; init; } = 0.25;

    public int Seed { get; init; }
}
