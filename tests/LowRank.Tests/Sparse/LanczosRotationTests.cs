using LowRank.Decompositions;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Sparse;

public class LanczosRotationTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    /// <summary>
    /// The restart's in-place basis rotation Q[:, 0..count) ← Q·R equals the gemm into a fresh matrix, for R and for
    /// Rᵀ, with row blocks that do not divide the rows (scratch of 3 rows: blocks 3, 3, 3, 1); the columns from count
    /// on are left as they were.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void InPlaceRotationEqualsTheGemm(bool transposed)
    {
        const int rows = 10, w = 6, count = 4;
        var random = new Random(7);
        var q = Gaussian.Matrix(rows, w, random);
        var r = Gaussian.Matrix(w, w, random);
        var expected = transposed ? Backend.Multiply(q, r.LeadingRows(count), transB: true) : Backend.Multiply(q, r.LeadingColumns(count));
        var original = q.Clone();
        LanczosSvd.RotateInPlace(q, r.Data, w, transposed, count, new double[3 * w], Backend);
        for (int j = 0; j < w; j++)
            for (int i = 0; i < rows; i++)
            {
                double want = j < count ? expected[i, j] : original[i, j];
                Assert.True(Math.Abs(q[i, j] - want) <= 1e-13, $"({i}, {j}): {q[i, j]} vs {want}");
            }
    }
}
