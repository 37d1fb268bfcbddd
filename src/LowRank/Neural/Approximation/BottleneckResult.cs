using LowRank.Linalg;

namespace LowRank.Neural.Approximation;

/// <summary>
/// A trained bottleneck network set against the truncated SVD. <see cref="Effective"/> is the m×n matrix W the
/// network computes (the product of its bias-free layers); its <see cref="NumericalRank"/> must not exceed
/// <see cref="Rank"/> (<see cref="RankCheckPassed"/>). Relative errors are ‖A − W‖/‖A‖ in the 2-norm and the
/// Frobenius norm; the SVD's are σ_{k+1}/σ₁ and √(Σ_{i&gt;k} σᵢ²)/‖A‖_F (Eckart–Young). For A = 0 every relative error
/// is defined as 0 when W = 0 and +∞ otherwise (the approximator returns W = 0 for A = 0). <see cref="SecondsTo101"/>
/// is the training time until the network's spectral error was first measured within 1.01 × the SVD's (or, where the
/// SVD's error is 0, below √ε of the training precision), null if never.
/// </summary>
public sealed record BottleneckResult(
    int Rows, int Cols, int Rank, BottleneckDesign Design, TrainingObjective Objective,
    Matrix Effective,
    int NumericalRank, bool RankCheckPassed,
    double NnRelErrorSpectral, double NnRelErrorFrobenius,
    double SvdRelErrorSpectral, double SvdRelErrorFrobenius,
    IReadOnlyList<BottleneckEpoch> History,
    double? SecondsTo101,
    double Seconds,
    int Parameters)
{
    /// <summary>
    /// The trained layers' weights in order, each out×in (as <see cref="Linear{T}.Weight"/>), in A's units: their
    /// product, last first, is <see cref="Effective"/>. Enough to rebuild the network (e.g. to save it as a model file).
    /// </summary>
    public IReadOnlyList<Matrix> Layers { get; init; } = [];
}
