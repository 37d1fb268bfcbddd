namespace LowRank.Experiments;

/// <summary>
/// One compressed network of <see cref="CompressNetExperiment"/>: the rank rule ("uniform", "energy" or "budget") and
/// its setting (k, energy share or weight share), the rank per Linear layer (null: kept dense), the weights it stores
/// (biases not counted) and their share of the dense weights, all parameters (biases included), the test accuracy
/// straight after the SVD, and after fine-tuning the factors when that was done.
/// </summary>
public sealed record CompressionPoint(string Rule, double Setting, IReadOnlyList<int?> Ranks, long Weights, double WeightShare,
    int Parameters, double Accuracy, double? FineTunedAccuracy, double? FineTuneSeconds);
