namespace LowRank.Compression.Networks;

/// <summary>
/// How <see cref="MlpClassifier.Train"/> trains: Adam at <see cref="LearningRate"/> with a linear warm-up over the
/// first <see cref="WarmupFraction"/> of the steps and cosine decay to zero, mini-batches of <see cref="BatchSize"/>,
/// L2 weight decay <see cref="WeightDecay"/> (PyTorch's Adam <c>weight_decay</c>).
/// </summary>
public sealed record TrainingPlan(int Epochs, double LearningRate, int BatchSize = 128, double WarmupFraction = 0.05, double WeightDecay = 0,
    int Seed = 0);
