namespace LowRank.Neural.Approximation;

/// <summary>
/// The network after an epoch of <see cref="BottleneckApproximator.Fit"/>: the epoch's mean training loss (mean
/// squared error per output entry, in A's units, although training runs on A/‖A‖₂), seconds since training began,
/// and the relative errors ‖A − W‖₂/‖A‖₂ and ‖A − W‖_F/‖A‖_F of the matrix W it computes.
/// </summary>
public sealed record BottleneckEpoch(int Epoch, double Loss, double Seconds, double RelErrorSpectral, double RelErrorFrobenius);
