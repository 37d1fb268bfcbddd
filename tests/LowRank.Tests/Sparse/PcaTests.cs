using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Sparse;

public class PcaTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    /// <summary>PCA through the implicitly centred sparse operator equals the exact SVD of the explicitly centred dense matrix.</summary>
    [Theory]
    [InlineData(SvdMethod.Lanczos)]
    [InlineData(SvdMethod.Randomized)]
    [InlineData(SvdMethod.Exact)]
    public void CentredSparsePcaEqualsDensePcaOfCentredMatrix(SvdMethod method)
    {
        var a = SparseTestMatrices.Random(400, 150, 0.05, 7);
        const int k = 5;
        var pca = Pca.Fit(a, k, method, new RandomizedSvdOptions(Oversampling: 20, PowerIterations: 7), new LanczosOptions(Tolerance: 1e-11), Backend);
        var centred = SparseProductTests.Centre(a.ToDense());
        var reference = ExactSvd.Compute(centred, true, Backend);
        double total = Math.Pow(centred.FrobeniusNorm(), 2);
        double tolerance = method == SvdMethod.Randomized ? 1e-6 : 1e-9;
        Assert.Equal(method, pca.Svd.Method);
        for (int i = 0; i < k; i++)
        {
            double s = reference.S[i];
            Assert.True(Math.Abs(pca.ExplainedVariance[i] - s * s / 399) <= tolerance * s * s / 399, $"variance {i}");
            Assert.True(Math.Abs(pca.ExplainedVarianceRatio[i] - s * s / total) <= tolerance, $"ratio {i}");
        }
        Assert.True(TestMatrices.MaxAbsDiff(pca.Components, reference.VT!.LeadingRows(k)) < (method == SvdMethod.Randomized ? 1e-4 : 1e-7));
        Assert.Equal(total / 399, pca.TotalVariance, 1e-9 * total);
        // Scores are the centred rows projected on the components.
        var projected = new ManagedBackend().Multiply(centred, pca.Components, transB: true);
        Assert.True(TestMatrices.MaxAbsDiff(projected, pca.Scores) < 1e-8);
        for (int j = 0; j < a.Cols; j++) Assert.Equal(a.ToDense().Column(j).ToArray().Average(), pca.Mean[j], 1e-12);
    }

    /// <summary>Dense and sparse storage of the same data give the same PCA.</summary>
    [Fact]
    public void DenseAndSparseInputGiveTheSamePca()
    {
        var sparse = SparseTestMatrices.Random(300, 80, 0.1, 3);
        var fromSparse = Pca.Fit(sparse, 4, SvdMethod.Lanczos, backend: Backend);
        var fromDense = Pca.Fit(sparse.ToDense(), 4, SvdMethod.Lanczos, backend: Backend);
        Assert.True(SparseTestMatrices.MaxAbsDiff(fromSparse.ExplainedVariance, fromDense.ExplainedVariance) <= 1e-10 * fromDense.ExplainedVariance[0]);
        Assert.True(TestMatrices.MaxAbsDiff(fromSparse.Components, fromDense.Components) < 1e-8);
    }
}
