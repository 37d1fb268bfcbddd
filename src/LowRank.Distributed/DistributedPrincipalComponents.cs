using LowRank.Linalg;

namespace LowRank.Distributed;

/// <summary>
/// A principal component analysis (<see cref="LowRank.Decompositions.PrincipalComponents"/>) of a matrix whose rows are
/// spread over processes: everything is the same on every process except the scores, of which this process holds the
/// rows of its block (<see cref="LocalScores"/>), so that the m×k scores are never gathered in one place.
/// </summary>
public sealed record DistributedPrincipalComponents
{
    /// <summary>μ, the column means of the whole matrix that were subtracted.</summary>
    public required double[] Mean { get; init; }

    /// <summary>k×n, one unit-norm component per row.</summary>
    public required Matrix Components { get; init; }

    /// <summary>σᵢ²/(m − 1) for each component.</summary>
    public required double[] ExplainedVariance { get; init; }

    /// <summary>σᵢ²/‖C‖_F²: the share of the total variance each component explains.</summary>
    public required double[] ExplainedVarianceRatio { get; init; }

    /// <summary>‖C‖_F²/(m − 1), the total variance of the data.</summary>
    public required double TotalVariance { get; init; }

    /// <summary>This process's rows of the scores U·Σ (its block's rows × k).</summary>
    public required Matrix LocalScores { get; init; }

    /// <summary>The distributed SVD of the centred matrix (singular values, products, iterations, residuals).</summary>
    public required DistributedSvd Svd { get; init; }
}
