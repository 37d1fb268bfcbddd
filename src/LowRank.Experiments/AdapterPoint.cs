namespace LowRank.Experiments;

/// <summary>
/// One adaptation of the base network to the shifted task: LoRA adapters of rank <see cref="Rank"/> on every layer
/// (null: full fine-tuning of every parameter), the trainable and frozen parameter counts, the test accuracy on the
/// shifted task, the training time, and for adapters the largest |logit| difference between the network with its
/// adapters and the same network with the adapters merged into the weights.
/// </summary>
public sealed record AdapterPoint(int? Rank, int TrainableParameters, int FrozenParameters, double Accuracy, double Seconds, double? MergeMaxDifference);
