namespace LowRank.Neural;

/// <summary>One finished epoch of <see cref="Trainer{T}.Fit"/>: its 1-based number, the mean training loss over its
/// batches (weighted by batch size), seconds since training began, and the validation loss when a validation set was given.</summary>
public sealed record EpochReport(int Epoch, double TrainingLoss, double Seconds, double? ValidationLoss);
