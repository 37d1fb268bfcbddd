using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;
using LowRank.Tests.Blocked;
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

    /// <summary>
    /// The dense form of a centred sparse operator (what the exact PCA factors) comes from the CSR arrays in O(m·n): through
    /// products with unit vectors it cost nnz·n multiply-adds — here 8·10¹⁰, minutes instead of milliseconds.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task CentredSparseOperatorDensifiesWithoutProducts()
    {
        await Task.Run(() =>
        {
            const int n = 200_000;
            var rows = new int[2 * n];
            var cols = new int[2 * n];
            var values = new double[2 * n];
            for (int t = 0; t < 2 * n; t++) (rows[t], cols[t], values[t]) = (t / n, t % n, 1 + t % 7);
            var a = LowRank.Linalg.Sparse.CsrMatrix.FromCoordinates(2, n, rows, cols, values);
            var centred = new CenteredOperator(a, Backend);
            var dense = LinearOperators.ToDense(centred, Backend);
            for (int j = 0; j < n; j += 997)
            {
                double mean = (values[j] + values[n + j]) / 2;
                Assert.Equal(values[j] - mean, dense[0, j], 1e-12);
                Assert.Equal(values[n + j] - mean, dense[1, j], 1e-12);
            }
        });
    }

    /// <summary>
    /// ‖A − 1μᵀ‖_F² of row blocks (float64 resident and read, float32 read) is summed from the centred entries about
    /// means summed in float64: with means 10⁶ times the spread, ‖A‖_F² − m‖μ‖² would have lost about twelve digits,
    /// and float32 sums of the columns (sgemm) put the norm 0.4 % off.
    /// </summary>
    [Theory]
    [InlineData(BlockElementType.Float64, true)]
    [InlineData(BlockElementType.Float64, false)]
    [InlineData(BlockElementType.Float32, false)]
    public void CentredRowBlocksKeepTheDigitsOfTheirSquaredNormWhenTheMeansDominate(BlockElementType elementType, bool resident)
    {
        var a = Gaussian.Matrix(300, 7, new Random(12));
        for (int j = 0; j < a.Cols; j++)
            foreach (ref double v in a.Column(j))
                v = elementType == BlockElementType.Float32 ? (float)(v + 1e6 * (j + 1)) : v + 1e6 * (j + 1);
        var source = new RowMajorSource(a, elementType);
        var blocks = new RowBlockOperator(resident ? ResidentRowBlocks.Load(source, 64) : source, 64);
        var dense = new CenteredOperator(a, Backend);
        double expected = dense.SquaredFrobeniusNorm();
        Assert.Equal(expected, new CenteredOperator(blocks, Backend).SquaredFrobeniusNorm(), 1e-12 * expected);
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
