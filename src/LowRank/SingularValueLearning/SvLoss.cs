namespace LowRank.SingularValueLearning;

/// <summary>The training loss of an SV-Learn network.</summary>
public enum SvLoss
{
    /// <summary>Mean |σ − σ̂| (the paper's).</summary>
    L1,

    /// <summary>
    /// Mean (σ − σ̂)². On the improved model's targets σ/‖A‖_F the per-matrix sum Σ(σ − σ̂)²/‖A‖_F² is exactly the
    /// paper's NMSE (Σσ² = ‖A‖_F²), so this loss minimises the reported metric.
    /// </summary>
    Mse,

    /// <summary>Mean (log(σ̂ + ε) − log(σ + ε))², which weighs the small singular values as much as the large ones.</summary>
    Log,
}
