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
        double total = centred.SquaredFrobeniusNorm();
        double dof = a.Rows - 1;
        var scores = svd.U!.Clone();
        for (int j = 0; j < k; j++)
            foreach (ref double x in scores.Column(j)) x *= svd.S[j];
        return new PrincipalComponents
        {
            Mean = centred.ColumnMeans.ToArray(),
            Components = svd.VT!,
            ExplainedVariance = svd.S.Select(s => s * s / dof).ToArray(),
            ExplainedVarianceRatio = svd.S.Select(s => total == 0 ? 0 : s * s / total).ToArray(),
            TotalVariance = total / dof,
            Scores = scores,
            Svd = svd,
        };
    }
}
