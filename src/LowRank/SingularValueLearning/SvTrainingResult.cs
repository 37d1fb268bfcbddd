using LowRank.Neural;

namespace LowRank.SingularValueLearning;

/// <summary>
/// A trained SV-Learn network: <see cref="Model"/> maps flattened raw m×n matrices (row-major) to min(m, n) predicted
/// singular values — all input and target scalings folded into its layers, so it can be saved and run alone — with the
/// epoch history, the epoch whose parameters were kept (0: none beat the untrained start on the validation matrices,
/// which for the improved model is the no-learning baseline), and the training time.
/// </summary>
public sealed record SvTrainingResult(Module<float> Model, SvLearnOptions Options, int Rows, int Cols,
    IReadOnlyList<EpochReport> History, int BestEpoch, double Seconds);
