using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Core;

/// <summary>The exact SVD and the Eckart–Young–Mirsky identities on matrices of every shape, on both backends.</summary>
public class SvdIdentityTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (string backend in new[] { "native", "managed" })
        {
            yield return [backend, "random 30×20"];
            yield return [backend, "rank-deficient 25×40 (rank 6)"];
            yield return [backend, "tall 10000×50"];
            yield return [backend, "wide 20×60"];
            yield return [backend, "row 1×17"];
            yield return [backend, "column 23×1"];
            yield return [backend, "Hilbert 12×12"];
        }
    }

    private static Matrix Build(string name) => name switch
    {
        "random 30×20" => TestMatrices.Random(30, 20, 11),
        "rank-deficient 25×40 (rank 6)" => TestMatrices.RankDeficient(25, 40, 6, 12),
        "tall 10000×50" => TestMatrices.Random(10000, 50, 13),
        "wide 20×60" => TestMatrices.Random(20, 60, 14),
        "row 1×17" => TestMatrices.Random(1, 17, 15),
        "column 23×1" => TestMatrices.Random(23, 1, 16),
        "Hilbert 12×12" => TestMatrices.Hilbert(12),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FactorsAreOrthonormalAndReproduceA(string backendName, string matrix)
    {
        var backend = TestMatrices.Backend(backendName);
        var a = Build(matrix);
        var svd = ExactSvd.Compute(a, true, backend);
        int p = a.MinDimension;
        Assert.Equal(p, svd.S.Length);
        Assert.Equal((a.Rows, p), (svd.U!.Rows, svd.U.Cols));
        Assert.Equal((p, a.Cols), (svd.VT!.Rows, svd.VT.Cols));
        Assert.True(TestMatrices.MaxAbsDiff(backend.Multiply(svd.U, svd.U, transA: true), Matrix.Identity(p)) < 1e-10, "UᵀU = I");
        Assert.True(TestMatrices.MaxAbsDiff(backend.Multiply(svd.VT, svd.VT, transB: true), Matrix.Identity(p)) < 1e-10, "VᵀV = I");
        for (int i = 0; i < p; i++)
        {
            Assert.True(svd.S[i] >= 0, "σ ≥ 0");
            if (i > 0) Assert.True(svd.S[i] <= svd.S[i - 1], "σ non-increasing");
        }
        var usv = backend.Multiply(svd.U, ResidualNorms.ScaledRows(svd.VT, svd.S));
        Assert.True(TestMatrices.MaxAbsDiff(usv, a) < 1e-12 * Math.Max(1, svd.S[0]) * Math.Max(a.Rows, a.Cols), "A = UΣVᵀ");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TruncationErrorsEqualTheSingularValueTail(string backendName, string matrix)
    {
        var backend = TestMatrices.Backend(backendName);
        var a = Build(matrix);
        var svd = ExactSvd.Compute(a, true, backend);
        int p = a.MinDimension;
        foreach (int k in new[] { 1, p / 2, p - 1 }.Where(k => k >= 1 && k < p).Distinct())
        {
            var t = svd.Truncate(k);
            var residual = a.Clone();
            var ak = backend.Multiply(t.U!, ResidualNorms.ScaledRows(t.VT!, t.S));
            for (int i = 0; i < residual.Data.Length; i++) residual.Data[i] -= ak.Data[i];
            double spectral = ExactSvd.Values(residual, backend)[0];
            double tail = LowRankApproximator.TailNorm(svd.S, k);
            double scale = svd.S[0] * 1e-12 * Math.Max(a.Rows, a.Cols);
            Assert.True(Math.Abs(spectral - svd.S[k]) <= scale, $"‖A−A_k‖₂ = σ_(k+1) at k = {k}: {spectral} vs {svd.S[k]}");
            Assert.True(Math.Abs(residual.FrobeniusNorm() - tail) <= scale, $"‖A−A_k‖_F = tail at k = {k}");
        }
    }

    [Theory]
    [MemberData(nameof(TestMatrices.Backends), MemberType = typeof(TestMatrices))]
    public void LectureExampleHasClosedFormSingularValuesAndRankOneApproximation(string backendName)
    {
        var backend = TestMatrices.Backend(backendName);
        var a = TestMatrices.Lecture;
        var s = ExactSvd.Values(a, backend);
        Assert.Equal(6 * Math.Sqrt(10), s[0], 12);
        Assert.Equal(3 * Math.Sqrt(10), s[1], 12);

        var approx = LowRankApproximator.Approximate(a, RankRule.Fixed(1), SvdMethod.Exact, backend: backend);
        var expected = Matrix.FromArray(new double[,] { { 6, 12, 12 }, { 2, 4, 4 } });
        Assert.True(TestMatrices.MaxAbsDiff(approx.Reconstruct(backend), expected) < 1e-12);
        Assert.Equal(90, Math.Pow(approx.RelErrorFrobenius * a.FrobeniusNorm(), 2), 9);
        Assert.Equal(3 * Math.Sqrt(10), approx.SigmaNext, 12);
        Assert.Equal(0.5, approx.RelErrorSpectral, 12);
        Assert.Equal(2, approx.NumericalRank);
        Assert.Equal(6, approx.StoredNumbers);
        Assert.Equal(1.0, approx.StorageRatio, 12);
        var y = approx.FactorY();
        var z = approx.FactorZ();
        Assert.True(TestMatrices.MaxAbsDiff(backend.Multiply(y, z, transB: true), expected) < 1e-12, "A_k = Y Zᵀ");
    }

    [Fact]
    public void NativeAndManagedBackendsAgreeOnValuesAndSubspaces()
    {
        var a = TestMatrices.Random(60, 35, 21);
        var native = ExactSvd.Compute(a, true, TestMatrices.Backend("native"));
        var managed = ExactSvd.Compute(a, true, TestMatrices.Backend("managed"));
        for (int i = 0; i < native.S.Length; i++)
            Assert.True(Math.Abs(native.S[i] - managed.S[i]) <= 1e-12 * native.S[0]);
        // Singular vectors are unique up to sign for distinct σ: |u_nᵀ u_m| = 1.
        var overlap = new ManagedBackend().Multiply(native.U!, managed.U!, transA: true);
        for (int i = 0; i < native.S.Length; i++) Assert.Equal(1.0, Math.Abs(overlap[i, i]), 8);
    }

    [Fact]
    public void ValuesOnlyAgreesWithTheFullDecomposition()
    {
        var a = TestMatrices.Random(80, 50, 22);
        var full = ExactSvd.Compute(a);
        var values = ExactSvd.Values(a);
        for (int i = 0; i < values.Length; i++) Assert.Equal(full.S[i], values[i], 12);
        Assert.Null(ExactSvd.Compute(a, computeVectors: false).U);
    }

    [Fact]
    public void TheInputIsNotModified()
    {
        var a = TestMatrices.Random(9, 7, 23);
        var copy = a.Clone();
        ExactSvd.Compute(a);
        RandomizedSvd.Compute(a, 2, new RandomizedSvdOptions(Oversampling: 2));
        Assert.Equal(copy.Data, a.Data);
    }
}
