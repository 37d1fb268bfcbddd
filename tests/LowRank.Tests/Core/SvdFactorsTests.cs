using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;
using Xunit;

namespace LowRank.Tests.Core;

/// <summary>The application-facing members of a computed SVD and PCA: rank, reconstruction, errors at k, projection of new rows.</summary>
public class SvdFactorsTests
{
    /// <summary>docs/architecture.md §4's closed form: A = [[4,11,14],[8,7,−2]], σ = 6√10, 3√10, A₁ = [[6,12,12],[2,4,4]], ‖A − A₁‖_F² = 90.</summary>
    [Fact]
    public void Lecture_matrix_reconstruction_and_errors_match_the_closed_form()
    {
        var svd = SvdSolver.Compute(TestMatrices.Lecture, null, SvdMethod.Exact);
        Assert.True(svd.IsComplete);
        Assert.Equal(2, svd.Rank);
        Assert.True(TestMatrices.MaxAbsDiff(Matrix.FromArray(new double[,] { { 6, 12, 12 }, { 2, 4, 4 } }), svd.Reconstruct(1)) < 1e-12);
        Assert.True(TestMatrices.MaxAbsDiff(TestMatrices.Lecture, svd.Reconstruct()) < 1e-12);
        Assert.Equal(90, Math.Pow(svd.FrobeniusError(1), 2), 10);
        Assert.Equal(3 * Math.Sqrt(10), svd.SpectralError(1), 12);
        Assert.Equal(0, svd.FrobeniusError(2));
        Assert.Equal(0, svd.SpectralError(2));
        Assert.Equal(450, Math.Pow(svd.FrobeniusError(0), 2), 9);
        Assert.Equal(0, svd.Reconstruct(0).FrobeniusNorm());
    }

    [Fact]
    public void Rank_counts_only_the_values_above_the_tolerance()
    {
        var svd = SvdSolver.Compute(TestMatrices.RankDeficient(30, 20, 4, 7), null, SvdMethod.Exact);
        Assert.Equal(4, svd.Rank);
    }

    /// <summary>A truncated SVD does not know σ beyond what it holds: it says so instead of returning a wrong error.</summary>
    [Fact]
    public void A_truncated_svd_refuses_errors_it_cannot_know()
    {
        var full = SvdSolver.Compute(TestMatrices.Random(12, 9, 3), null, SvdMethod.Exact);
        var top3 = full.Truncate(3);
        Assert.False(top3.IsComplete);
        Assert.Equal(full.S[2], top3.SpectralError(2));
        Assert.Throws<InvalidOperationException>(() => top3.SpectralError(3));
        Assert.Throws<InvalidOperationException>(() => top3.FrobeniusError(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => top3.Reconstruct(4));
        Assert.True(TestMatrices.MaxAbsDiff(full.Reconstruct(3), top3.Reconstruct()) < 1e-12);
    }

    /// <summary>Rows of A project to the rows of U_k·diag(S_k); sparse rows give what dense rows give; one span row gives the same.</summary>
    [Fact]
    public void Transform_maps_the_rows_of_A_to_U_times_S_on_dense_sparse_and_span_input()
    {
        var a = TestMatrices.Random(15, 8, 11);
        var svd = SvdSolver.Compute(a, 3, SvdMethod.Exact);
        var expected = svd.U!.Clone();
        for (int j = 0; j < 3; j++)
            foreach (ref double x in expected.Column(j)) x *= svd.S[j];
        Assert.True(TestMatrices.MaxAbsDiff(expected, svd.Transform(a)) < 1e-10);
        Assert.True(TestMatrices.MaxAbsDiff(expected, svd.Transform(Sparse(a))) < 1e-10);
        double[] row4 = Enumerable.Range(0, 8).Select(j => a[4, j]).ToArray();
        double[] coordinates = svd.Transform(row4, k: 2);
        Assert.Equal(2, coordinates.Length);
        for (int j = 0; j < 2; j++) Assert.Equal(expected[4, j], coordinates[j], 10);
        Assert.Throws<InvalidInputException>(() => svd.Transform(TestMatrices.Random(2, 7, 1)));
    }

    /// <summary>PCA's transform of the training rows is its scores; a new row is (x − μ)·Vᵀ, checked by explicit sums.</summary>
    [Fact]
    public void Pca_transform_gives_the_scores_and_centres_new_rows()
    {
        var a = TestMatrices.Random(40, 6, 5);
        var pca = Pca.Fit(a, 3, SvdMethod.Exact);
        Assert.True(TestMatrices.MaxAbsDiff(pca.Scores, pca.Transform(a)) < 1e-10);
        Assert.True(TestMatrices.MaxAbsDiff(pca.Scores, pca.Transform(Sparse(a))) < 1e-10);
        double[] row = [1.5, -2, 0.25, 3, 0, -1];
        double[] got = pca.Transform(row);
        for (int c = 0; c < 3; c++)
        {
            double want = 0;
            for (int j = 0; j < 6; j++) want += (row[j] - pca.Mean[j]) * pca.Components[c, j];
            Assert.Equal(want, got[c], 10);
        }
    }

    private static CsrMatrix Sparse(Matrix a)
    {
        var (rows, cols, values) = (new List<int>(), new List<int>(), new List<double>());
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Cols; j++)
                if (a[i, j] != 0) { rows.Add(i); cols.Add(j); values.Add(a[i, j]); }
        return CsrMatrix.FromCoordinates(a.Rows, a.Cols, rows.ToArray(), cols.ToArray(), values.ToArray());
    }
}
