using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Core;

public class BackendKernelTests
{
    [Fact]
    public void NativeBackendLoadsOpenBlas()
    {
        var backend = Backends.Create("native");
        Assert.Equal("native", backend.Name);
        Assert.Contains("openblas", backend.Library, StringComparison.OrdinalIgnoreCase);
        Assert.True(File.Exists(backend.Library), $"'{backend.Library}' should be the file the loader opened");
    }

    [Fact]
    public void UnknownBackendNameIsBadInput() =>
        Assert.Throws<InvalidInputException>(() => Backends.Create("cuda"));

    [Fact]
    public void ALibraryThatDoesNotLoadIsReportedWithItsName()
    {
        Assert.Null(OpenBlasBackend.TryLoad("/nonexistent/libopenblas.so.0", out string why));
        Assert.Contains("/nonexistent/libopenblas.so.0", why);
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void GemmMatchesTripleLoopForEveryTransposeCombination(string name)
    {
        var backend = TestMatrices.Backend(name);
        var a = TestMatrices.Random(7, 5, 1);
        var b = TestMatrices.Random(5, 6, 2);
        var expected = TestMatrices.NaiveProduct(a, b);
        Assert.True(TestMatrices.MaxAbsDiff(expected, backend.Multiply(a, b)) < 1e-12);
        Assert.True(TestMatrices.MaxAbsDiff(expected, backend.Multiply(a.Transpose(), b, transA: true)) < 1e-12);
        Assert.True(TestMatrices.MaxAbsDiff(expected, backend.Multiply(a, b.Transpose(), transB: true)) < 1e-12);
        Assert.True(TestMatrices.MaxAbsDiff(expected, backend.Multiply(a.Transpose(), b.Transpose(), true, true)) < 1e-12);
    }

    /// <summary>
    /// A one-column product (the native backend hands it to dgemv) equals the triple loop for op(A) = A and Aᵀ and a
    /// column or a row-stored B, with a padded lda and ldb, α and β; with β = 0 a NaN left in C is overwritten.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void OneColumnGemmMatchesTripleLoop(string name)
    {
        var backend = TestMatrices.Backend(name);
        const int m = 6, k = 4, lda = 9, ldb = 3;
        var random = new Random(5);
        foreach (bool transA in new[] { false, true })
            foreach (bool transB in new[] { false, true })
                foreach (double beta in new[] { 0.0, 0.5 })
                {
                    int aRows = transA ? k : m, aCols = transA ? m : k;
                    var a = new double[lda * (aCols - 1) + aRows];
                    var b = new double[transB ? ldb * (k - 1) + 1 : k];
                    var c = new double[m];
                    for (int i = 0; i < a.Length; i++) a[i] = random.NextDouble() - 0.5;
                    for (int i = 0; i < b.Length; i++) b[i] = random.NextDouble() - 0.5;
                    for (int i = 0; i < m; i++) c[i] = random.NextDouble() - 0.5;
                    var expected = new double[m];
                    for (int i = 0; i < m; i++)
                    {
                        double sum = 0;
                        for (int p = 0; p < k; p++) sum += (transA ? a[p + i * lda] : a[i + p * lda]) * (transB ? b[p * ldb] : b[p]);
                        expected[i] = -1.5 * sum + beta * c[i];
                    }
                    if (beta == 0) c[2] = double.NaN;
                    backend.Gemm(transA, transB, m, 1, k, -1.5, a, lda, b, transB ? ldb : k, beta, c, m);
                    for (int i = 0; i < m; i++) Assert.True(Math.Abs(c[i] - expected[i]) < 1e-14, $"transA {transA}, transB {transB}, β {beta}: c[{i}] = {c[i]}, not {expected[i]}");
                }
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void GemmAccumulatesWithAlphaBetaAndLeadingDimensions(string name)
    {
        var backend = TestMatrices.Backend(name);
        // A is the leading 3×4 block of a 5×4 buffer (lda = 5); C = 2·A·B + 3·C.
        var buffer = TestMatrices.Random(5, 4, 3);
        var a = new Matrix(3, 4);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) a[i, j] = buffer[i, j];
        var b = TestMatrices.Random(4, 2, 4);
        var c = TestMatrices.Random(3, 2, 5);
        var expected = TestMatrices.NaiveProduct(a, b);
        for (int i = 0; i < expected.Data.Length; i++) expected.Data[i] = 2 * expected.Data[i] + 3 * c.Data[i];
        backend.Gemm(false, false, 3, 2, 4, 2.0, buffer.Data, 5, b.Data, 4, 3.0, c.Data, 3);
        Assert.True(TestMatrices.MaxAbsDiff(expected, c) < 1e-12);
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void SinglePrecisionGemmMatchesDouble(string name)
    {
        var backend = TestMatrices.Backend(name);
        var a = TestMatrices.Random(6, 4, 6);
        var b = TestMatrices.Random(6, 3, 7);
        var expected = TestMatrices.NaiveProduct(a.Transpose(), b);
        var c = new float[4 * 3];
        backend.Gemm(true, false, 4, 3, 6, 1f, a.Data.Select(x => (float)x).ToArray(), 6, b.Data.Select(x => (float)x).ToArray(), 6, 0f, c, 4);
        for (int i = 0; i < c.Length; i++) Assert.Equal(expected.Data[i], c[i], 1e-4);
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void OrthonormalColumnsSpanTheInput(string name)
    {
        var backend = TestMatrices.Backend(name);
        var a = TestMatrices.Random(40, 6, 8);
        var q = backend.OrthonormalColumns(a.Clone());
        Assert.True(TestMatrices.MaxAbsDiff(backend.Multiply(q, q, transA: true), Matrix.Identity(6)) < 1e-12);
        // Q Qᵀ A = A when range(Q) = range(A).
        var projected = backend.Multiply(q, backend.Multiply(q, a, transA: true));
        Assert.True(TestMatrices.MaxAbsDiff(projected, a) < 1e-12);
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void SymmetricEigenSatisfiesAvEqualsVLambdaInAscendingOrder(string name)
    {
        var backend = TestMatrices.Backend(name);
        var x = TestMatrices.Random(8, 8, 9);
        var a = backend.Multiply(x, x, transB: true);
        var (values, vectors) = backend.SymmetricEigen(a.Clone());
        for (int i = 1; i < values.Length; i++) Assert.True(values[i] >= values[i - 1]);
        var av = backend.Multiply(a, vectors);
        for (int j = 0; j < 8; j++)
            for (int i = 0; i < 8; i++)
                Assert.Equal(av[i, j], vectors[i, j] * values[j], 1e-10);
        Assert.True(TestMatrices.MaxAbsDiff(backend.Multiply(vectors, vectors, transA: true), Matrix.Identity(8)) < 1e-12);
    }
}
