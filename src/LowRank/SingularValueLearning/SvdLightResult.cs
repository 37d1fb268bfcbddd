using LowRank.Linalg;

namespace LowRank.SingularValueLearning;

/// <summary>Rank-k factors A ≈ U·diag(S)·Vᵀ from <see cref="SvdLight"/>: U is m×k, S has k values, V is n×k.</summary>
public sealed record SvdLightResult(Matrix U, double[] S, Matrix V)
{
    /// <summary>U·diag(S)·Vᵀ.</summary>
    public Matrix Compose() => SpectrumReconstruction.Compose(U, S, V, S.Length);
}
