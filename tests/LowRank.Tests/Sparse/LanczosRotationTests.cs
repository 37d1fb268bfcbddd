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

    /// <summary>
    /// A restart keeps the k wanted vectors plus at most a third of the w − k others' worth of converged ones (never more
    /// than w − 3, never fewer than k), so a cycle adds at least two thirds of the free columns: with k = 50 of w = 100 and
    /// all converged it keeps 66, not the 97 of irlba's k + converged rule, whose cycles added 3 columns each.
    /// </summary>
    [Fact]
    public void RestartKeepsAtMostAThirdOfTheFreeColumnsBeyondK()
    {
        Assert.Equal(66, LanczosSvd.KeptVectors(50, 50, 100));
        Assert.Equal(13, LanczosSvd.KeptVectors(10, 10, 20));
        foreach (int k in new[] { 1, 8, 10, 50 })
            foreach (int w in new[] { k + 1, k + 3, k + 7, 2 * k, 3 * k })
            {
                int previous = 0;
                for (int converged = 0; converged <= k; converged++)
                {
                    int kept = LanczosSvd.KeptVectors(k, converged, w);
                    Assert.InRange(kept, k, Math.Max(k, w - 3));
                    Assert.True(kept - k <= Math.Min(converged, (w - k) / 3), $"k = {k}, w = {w}, {converged} converged: kept {kept}");
                    Assert.True(kept >= previous);
                    previous = kept;
                }
            }
    }
}
