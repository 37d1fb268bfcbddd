using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// A principal component analysis of the rows of an m×n matrix, as scikit-learn's <c>PCA</c> reports it: the SVD
/// C = U·Σ·Vᵀ of the column-centred C = A − 1·μᵀ gives the components (rows of Vᵀ), the explained variances
/// σ_i²/(m − 1), their shares of the total variance ‖C‖_F²/(m − 1), and the scores U·Σ (the rows of A projected on
/// the components).
/// </summary>
public sealed record PrincipalComponents
{
    /// <summary>μ, the column means that were subtracted.</summary>
    public required double[] Mean { get; init; }

    /// <summary>k×n, one unit-norm component per row (the leading right singular vectors of C).</summary>
    public required Matrix Components { get; init; }

    /// <summary>σ_i²/(m − 1) for each component.</summary>
    public required double[] ExplainedVariance { get; init; }

    /// <summary>σ_i²/‖C‖_F²: the share of the total variance each component explains.</summary>
    public required double[] ExplainedVarianceRatio { get; init; }

    /// <summary>‖C‖_F²/(m − 1), the total variance of the data.</summary>
    public required double TotalVariance { get; init; }

    /// <summary>m×k, U·Σ: the coordinates of each row in the components.</summary>
    public required Matrix Scores { get; init; }

    /// <summary>The SVD of the centred operator, with its method, operator products, iterations and residuals.</summary>
    public required SingularValueDecomposition Svd { get; init; }

    /// <summary>
    /// New rows (b×n, dense or sparse) in the components' coordinates, as scikit-learn's <c>PCA.transform</c>:
    /// (X − 1·μᵀ)·Vᵀ, b×k, computed as X·Vᵀ − 1·(μ·Vᵀ) so that sparse rows stay sparse. The training rows map to
    /// <see cref="Scores"/>.
    /// </summary>
    public Matrix Transform(ILinearOperator x, ILinalgBackend? backend = null)
    {
        var projected = Svd.Transform(x, backend: backend);
        var shift = Svd.Transform(Mean);
        for (int j = 0; j < projected.Cols; j++)
            foreach (ref double v in projected.Column(j)) v -= shift[j];
        return projected;
    }

    /// <summary>One new row (length n) in the components' coordinates: (x − μ)·Vᵀ.</summary>
    public double[] Transform(ReadOnlySpan<double> row) => Transform(Matrix.FromRowMajor(1, row.Length, row)).Data;
}
