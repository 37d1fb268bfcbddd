using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Core;

/// <summary>
/// Short buffers and bad leading dimensions are an <see cref="ArgumentException"/> on both backends, raised before
/// native code could read or write past the end of a buffer.
/// </summary>
public class KernelArgumentTests
{
    public static IEnumerable<object[]> BadGemms() =>
    [
        // m, n, k, a length, lda, b length, ldb, c length, ldc, transA
        [4, 3, 2, 7, 4, 6, 2, 12, 4, false],   // A short by one (needs 4·1 + 4 = 8)
        [4, 3, 2, 8, 4, 5, 2, 12, 4, false],   // B short
        [4, 3, 2, 8, 4, 6, 2, 11, 4, false],   // C short
        [4, 3, 2, 8, 3, 6, 2, 12, 4, false],   // lda < rows of A
        [4, 3, 2, 8, 4, 6, 2, 12, 3, false],   // ldc < m
        [4, 3, 2, 8, 4, 6, 1, 12, 4, false],   // ldb < k
        [4, 3, 2, 8, 1, 6, 2, 12, 4, true],    // Aᵀ stored 2×4: lda 1 < 2
        [4, 3, 2, 7, 2, 6, 2, 12, 4, true],    // Aᵀ stored 2×4 needs 2·3 + 2 = 8
        [-1, 3, 2, 8, 4, 6, 2, 12, 4, false],  // negative dimension
        [4, 3, 2, 8, 0, 6, 2, 12, 4, false],   // ld 0 for a non-empty block
    ];

    [Theory]
    [MemberData(nameof(BadGemms))]
    public void GemmRejectsShortBuffersAndBadLeadingDimensionsOnBothBackends(int m, int n, int k, int aLength, int lda,
        int bLength, int ldb, int cLength, int ldc, bool transA)
    {
        foreach (var backend in AvailableBackends())
        {
            var c = new double[cLength];
            var cBefore = (double[])c.Clone();
            Assert.Throws<ArgumentException>(() => backend.Gemm(transA, false, m, n, k, 1.0, new double[aLength], lda,
                new double[bLength], ldb, 0.0, c, ldc));
            Assert.Equal(cBefore, c);
            Assert.Throws<ArgumentException>(() => backend.Gemm(transA, false, m, n, k, 1f, new float[aLength], lda,
                new float[bLength], ldb, 0f, new float[cLength], ldc));
        }
    }

    [Fact]
    public void GemmAcceptsExactLengthsAndPaddedLeadingDimensions()
    {
        foreach (var backend in AvailableBackends())
        {
            // A 2×2 stored with lda 3 (a padding row): [[1, 2], [3, 4]] in 3·1 + 2 = 5 entries.
            double[] a = [1, 3, -99, 2, 4];
            double[] identity = [1, 0, 0, 1];
            var c = new double[4];
            backend.Gemm(false, false, 2, 2, 2, 1.0, a, 3, identity, 2, 0.0, c, 2);
            Assert.Equal([1, 3, 2, 4], c);
            // An empty inner dimension may say ld 0 for its 0-row B (Matrix.Rows of an empty block).
            backend.Gemm(false, false, 2, 2, 0, 1.0, [], 2, [], 0, 0.0, c, 2);
            Assert.Equal([0, 0, 0, 0], c);
        }
    }

    [Fact]
    public void TriangularSolveRejectsAnRThatDoesNotMatchY()
    {
        foreach (var backend in AvailableBackends())
        {
            var y = new Matrix(5, 4);
            Assert.Throws<ArgumentException>(() => backend.SolveUpperTriangularRight(new Matrix(3, 3), y));
            Assert.Throws<ArgumentException>(() => backend.SolveUpperTriangularRight(new Matrix(4, 3), y));
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(3e9)]
    [InlineData(double.PositiveInfinity)]
    public void AWorkspaceQueryBeyondIntIsRejectedNotWrapped(double query) =>
        Assert.Throws<ArgumentException>(() => KernelArguments.Workspace("dgesdd", query));

    [Fact]
    public void AWorkspaceQueryIsRoundedUpToAtLeastOne()
    {
        Assert.Equal(1, KernelArguments.Workspace("dgesdd", 0));
        Assert.Equal(1234, KernelArguments.Workspace("dgesdd", 1234));
        Assert.Equal(int.MaxValue, KernelArguments.Workspace("dgesdd", int.MaxValue));
    }

    /// <summary>The managed backend, and the native one where OpenBLAS loads.</summary>
    private static IEnumerable<ILinalgBackend> AvailableBackends()
    {
        yield return new ManagedBackend();
        if (OpenBlasBackend.TryLoad(Environment.GetEnvironmentVariable("LOWRANK_OPENBLAS"), out _) is { } native) yield return native;
    }
}
