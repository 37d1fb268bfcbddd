using LowRank.Decompositions;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Sparse;

public class LanczosPrepareTests
{
    /// <summary>
    /// The warm-up run on its fixed matrix completes with and without vectors, and a run after it returns exactly what
    /// the same run returned before it: preparing compiles and starts things, it carries no state into the next run.
    /// </summary>
    [Fact]
    public void PrepareLeavesTheNextRunUnchanged()
    {
        var backend = Backends.Current;
        var (a, _) = SparseTestMatrices.BlockDiagonal(900, 300, 7);
        var before = LanczosSvd.Compute(a, 5, new LanczosOptions(), backend, computeVectors: false);
        LanczosSvd.Prepare(backend, computeVectors: false);
        LanczosSvd.Prepare(backend, computeVectors: true);
        var after = LanczosSvd.Compute(a, 5, new LanczosOptions(), backend, computeVectors: false);
        Assert.Equal(before.S, after.S);
        Assert.Equal(before.Residuals, after.Residuals);
        Assert.Equal(before.OperatorProducts, after.OperatorProducts);
    }
}
