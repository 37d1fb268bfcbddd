using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// PCA by a truncated SVD of the implicitly centred operator (<see cref="CenteredOperator"/>): the centred matrix is
/// never formed, so sparse input stays sparse whatever the method (scikit-learn 1.4+ centres sparse input implicitly
/// only with its ARPACK solver). Signs follow <see cref="SignConvention"/>, which is scikit-learn's <c>svd_flip</c>
/// on U — the rule its PCA applies — so components agree with scikit-learn's in sign as well.
/// </summary>
public static class Pca
{
    public static PrincipalComponents Fit(ILinearOperator a, int k, SvdMethod method = SvdMethod.Auto, RandomizedSvdOptions? options = null,
        LanczosOptions? lanczos = null, ILinalgBackend? backend = null)
    {
        backend ??= Backends.Current;
        if (a.Rows < 2) throw new InvalidInputException($"PCA needs at least 2 rows (samples), not {a.Rows}");
        var centred = new CenteredOperator(a, backend);
        var svd = SvdSolver.Compute(centred, k, method, options, computeVectors: true, backend, lanczos);
        var (variance, ratio, totalVariance) = Variances(svd.S, centred.SquaredFrobeniusNorm(), a.Rows);
        return new PrincipalComponents
        {
            Mean = centred.ColumnMeans.ToArray(),
            Components = svd.VT!,
            ExplainedVariance = variance,
            ExplainedVarianceRatio = ratio,
            TotalVariance = totalVariance,
            Scores = Scores(svd.U!, svd.S),
            Svd = svd,
        };
    }

    /// <summary>
    /// The explained variances σᵢ²/(m − 1), their shares σᵢ²/‖C‖_F² and the total variance ‖C‖_F²/(m − 1), from the
    /// singular values of the centred matrix C (m rows) and ‖C‖_F² (<paramref name="squaredNorm"/>).
    /// </summary>
    public static (double[] Variance, double[] Ratio, double Total) Variances(IReadOnlyList<double> s, double squaredNorm, int rows)
    {
        double dof = rows - 1;
        return (s.Select(x => x * x / dof).ToArray(), s.Select(x => squaredNorm == 0 ? 0 : x * x / squaredNorm).ToArray(), squaredNorm / dof);
    }

    /// <summary>The scores U·Σ (rows of <paramref name="u"/> scaled column by column by <paramref name="s"/>), a new matrix.</summary>
    public static Matrix Scores(Matrix u, IReadOnlyList<double> s)
    {
        var scores = u.Clone();
        for (int j = 0; j < scores.Cols; j++)
            foreach (ref double x in scores.Column(j)) x *= s[j];
        return scores;
    }
}
