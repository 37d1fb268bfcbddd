using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;
using LowRank.Tests.Blocked;
using Xunit;

namespace LowRank.Tests.Core;

/// <summary>
/// The mixed-precision randomized SVD (<see cref="SketchPrecision.Mixed"/>: float32 power passes, float64 projection)
/// against the float64 one on seeded matrices with known, decaying spectra.
/// </summary>
public class MixedPrecisionSvdTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    /// <summary>U·diag(σ)·Vᵀ with Haar-like orthonormal U (m×r), V (n×r) from the seed, σ_i = decay^i.</summary>
    private static Matrix WithSpectrum(int m, int n, int r, double decay, int seed)
    {
        var random = new Random(seed);
        var u = Orthonormalization.Orthonormalize(Gaussian.Matrix(m, r, random), Backend);
        var v = Orthonormalization.Orthonormalize(Gaussian.Matrix(n, r, random), Backend);
        for (int i = 0; i < r; i++)
        {
            double sigma = Math.Pow(decay, i);
            foreach (ref double x in u.Column(i)) x *= sigma;
        }
        return Backend.Multiply(u, v, transB: true);
    }

    private static double FrobeniusError(Matrix a, SingularValueDecomposition svd)
    {
        var us = svd.U!.Clone();
        for (int i = 0; i < svd.Count; i++)
            foreach (ref double x in us.Column(i)) x *= svd.S[i];
        var residual = a.Clone();
        Backend.Gemm(false, false, a.Rows, a.Cols, svd.Count, -1.0, us.Data, a.Rows, svd.VT!.Data, svd.Count, 1.0, residual.Data, a.Rows);
        return residual.FrobeniusNorm();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void SinglePrecisionPassIsTheProductToFloat32RoundingAndItsLastPassIsFloat64(bool rowBlocks, bool transposedInDouble)
    {
        // 9,000 rows of 300: three float32 chunks (3,495 rows each) and a flush of the float32 W after 8,192 rows
        var a = TestMatrices.Random(9_000, 300, 21);
        var x = TestMatrices.Random(300, 7, 22);
        IMixedPrecisionProducts op = rowBlocks ? new RowBlockOperator(new RowMajorSource(a), 1_000) : a;
        var y = new Matrix(a.Rows, x.Cols);
        var w = op.MultiplyThenTransposedInSingle(x, Backend, y, transposedInDouble);
        var expectedY = Backend.Multiply(a, x);
        double yScale = expectedY.FrobeniusNorm(), yError = TestMatrices.MaxAbsDiff(expectedY, y);
        Assert.True(yError <= 1e-5 * yScale && yError > 1e-12 * yScale, $"Y off by {yError / yScale:0.0e0} of ‖Y‖: float32, not float64"); // float32 products
        var expectedW = Backend.Multiply(a, y, transA: true); // Aᵀ times the Y the pass returned
        double wError = TestMatrices.MaxAbsDiff(expectedW, w) / expectedW.FrobeniusNorm();
        if (transposedInDouble) Assert.True(wError <= 1e-13, $"W off by {wError:0.0e0}: the last pass's Aᵀ·Y is float64");
        else Assert.True(wError <= 1e-5 && wError > 1e-12, $"W off by {wError:0.0e0}");
    }

    [Theory]
    [InlineData(false, 1_000)]
    [InlineData(false, 5_000)]
    [InlineData(true, 5_000)]
    public void TheFirstMixedPassSumsTheSquaresAsItRoundsTheRows(bool resident, int blockRows)
    {
        // 9,001 rows of 301 (odd): float32 chunks of 3,483 rows, so with 5,000-row blocks a chunk ends inside a block
        var a = TestMatrices.Random(9_001, 301, 31);
        IRowBlockSource source = resident ? ResidentRowBlocks.Load(new RowMajorSource(a), blockRows) : new RowMajorSource(a);
        var op = new RowBlockOperator(source, blockRows);
        op.MultiplyThenTransposedInSingle(TestMatrices.Random(301, 9, 32), Backend, new Matrix(a.Rows, 9), transposedInDouble: false);
        double expected = 0;
        foreach (double v in a.Data) expected += v * v;
        double norm = op.SquaredFrobeniusNorm();
        Assert.True(Math.Abs(norm - expected) <= 1e-13 * expected, $"‖A‖_F² {norm:R}, expected {expected:R}");
        Assert.Equal(1, op.Passes); // summed during the mixed pass, not by a pass of its own
    }

    [Theory]
    [InlineData(262, 4_000)] // a 4 MB chunk of tall's rows
    [InlineData(13, 7)]      // fewer rows than two vectors, columns not a multiple of the lock step
    [InlineData(37, 9)]      // vectors and a tail per column
    public void ColumnsRoundedInLockStepAreEachEntryRoundedToFloat32(int c, int n)
    {
        // rows 5.. of a column-major stretch with leading dimension c + 11: each column's segment starts off alignment
        int ld = c + 11;
        var random = new Random(41);
        var stretch = new double[ld * n];
        for (int k = 0; k < stretch.Length; k++) stretch[k] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
        var target = new float[c * n];
        double squares = SinglePrecisionPass.RoundColumns(stretch.AsSpan(5), ld, c, n, target, sumSquares: true);
        double expected = 0;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < c; i++)
            {
                double v = stretch[5 + i + j * ld];
                Assert.Equal((float)v, target[i + j * c]); // the same bits as the plain conversion
                expected += v * v;
            }
        Assert.True(Math.Abs(squares - expected) <= 1e-13 * expected, $"Σ a² {squares:R}, expected {expected:R}");
        Assert.Equal(0, SinglePrecisionPass.RoundColumns(stretch.AsSpan(5), ld, c, n, target, sumSquares: false));
    }

    public static TheoryData<int, double> Spectra => new() { { 20, 0.85 }, { 10, 0.7 } };

    [Theory]
    [MemberData(nameof(Spectra))]
    public void MixedAgreesWithDoubleOnADecayingSpectrum(int k, double decay)
    {
        // 10,000 rows: two float32 chunks per pass and a float32 partial sum of W flushed mid-pass
        var a = WithSpectrum(10_000, 200, 200, decay, 3);
        var options = new RandomizedSvdOptions(PowerIterations: 3, Seed: 5);
        var dbl = RandomizedSvd.Compute(a, k, options, Backend);
        var mixed = RandomizedSvd.Compute(a, k, options with { Precision = SketchPrecision.Mixed }, Backend);
        Assert.Equal(SketchPrecision.Double, dbl.Precision);
        Assert.Equal(SketchPrecision.Mixed, mixed.Precision);
        Assert.Null(mixed.PrecisionNote);
        for (int i = 0; i < k; i++)
        {
            double expected = Math.Pow(decay, i);
            Assert.True(Math.Abs(mixed.S[i] - dbl.S[i]) <= 1e-6 * expected, $"σ_{i + 1}: mixed {mixed.S[i]:R}, double {dbl.S[i]:R}");
            Assert.True(mixed.S[i] <= expected * (1 + 1e-12), $"σ_{i + 1} = {mixed.S[i]:R} above the true {expected:R}"); // a projection never exceeds σ_i(A)
        }
        double errorDouble = FrobeniusError(a, dbl), errorMixed = FrobeniusError(a, mixed);
        Assert.True(Math.Abs(errorMixed - errorDouble) <= 1e-6 * errorDouble, $"‖A − USVᵀ‖_F: mixed {errorMixed:R}, double {errorDouble:R}");
    }

    [Fact]
    public void ASpectrumBelowFloat32sReachFallsBackToTheDoubleRunAndSaysSo()
    {
        // σ_l/σ_1 = 0.5^29 ≈ 2e-9 for l = 20 + 10: far below the 1e-5 float32 can resolve
        var a = WithSpectrum(3_000, 150, 150, 0.5, 8);
        var options = new RandomizedSvdOptions(PowerIterations: 2, Seed: 1);
        var dbl = RandomizedSvd.Compute(a, 20, options, Backend);
        var mixed = RandomizedSvd.Compute(a, 20, options with { Precision = SketchPrecision.Mixed }, Backend);
        Assert.Equal(SketchPrecision.Double, mixed.Precision);
        Assert.Contains("every pass ran again in float64", mixed.PrecisionNote);
        Assert.Equal(dbl.S, mixed.S); // the float64 run itself, not a float32 answer
    }

    [Theory]
    [InlineData(1e-20, "below 1e-30")] // ‖A‖² ≈ 1e-40: AᵀY would underflow float32 and lose its digits
    [InlineData(1e25, "overflowed")]   // entries fit float32, ‖A‖² ≈ 1e50 does not
    public void AMatrixBeyondFloat32sRangeFallsBackToTheDoubleRunAndSaysWhy(double scale, string reason)
    {
        var a = WithSpectrum(2_000, 120, 120, 0.9, 5);
        for (int i = 0; i < a.Data.Length; i++) a.Data[i] *= scale;
        var options = new RandomizedSvdOptions(PowerIterations: 2, Seed: 4);
        var dbl = RandomizedSvd.Compute(a, 10, options, Backend);
        var mixed = RandomizedSvd.Compute(a, 10, options with { Precision = SketchPrecision.Mixed }, Backend);
        Assert.Equal(SketchPrecision.Double, mixed.Precision);
        Assert.Contains(reason, mixed.PrecisionNote);
        Assert.Contains("every pass ran again in float64", mixed.PrecisionNote);
        for (int i = 0; i < dbl.S.Length; i++) Assert.Equal(dbl.S[i], mixed.S[i], 1e-12 * dbl.S[0]);
    }

    [Fact]
    public void MixedRunsWhereTheSpectrumStaysAboveTheLimit()
    {
        // the same construction with σ_l/σ_1 = 0.75^29 ≈ 2.4e-4 (the R factors estimate it within a factor of a few,
        // on the low side: 0.7^29 ≈ 3e-5 is estimated at 9e-6 and falls back): mixed runs
        var a = WithSpectrum(3_000, 150, 150, 0.75, 8);
        var mixed = RandomizedSvd.Compute(a, 20, new RandomizedSvdOptions(PowerIterations: 2, Seed: 1, Precision: SketchPrecision.Mixed), Backend);
        Assert.True(mixed.Precision == SketchPrecision.Mixed, mixed.PrecisionNote);
    }

    [Theory]
    [InlineData(37)]
    [InlineData(4_096)]
    public void MixedOutOfCoreEqualsMixedInMemory(int blockRows)
    {
        var a = WithSpectrum(10_000, 200, 200, 0.85, 4);
        var options = new RandomizedSvdOptions(PowerIterations: 3, Seed: 2, Precision: SketchPrecision.Mixed);
        var dense = RandomizedSvd.Compute(a, 20, options, Backend);
        var op = new RowBlockOperator(new RowMajorSource(a), blockRows);
        var blocked = RandomizedSvd.Compute(op, 20, options, Backend);
        Assert.Equal(SketchPrecision.Mixed, blocked.Precision);
        Assert.Equal(3 + 1, op.Passes); // the mixed range finder keeps the fused q + 1 passes
        // the two layouts round and sum the float32 products in different orders: agreement to float32's effect on σ
        for (int i = 0; i < 20; i++) Assert.Equal(dense.S[i], blocked.S[i], 1e-7 * dense.S[0]);
        Assert.Equal(FrobeniusError(a, dense), FrobeniusError(a, blocked), 1e-6 * FrobeniusError(a, dense));
    }

    [Fact]
    public void Float32DataKeepsItsFloat32ProductsAndSaysMixedChangesNothing()
    {
        var a = WithSpectrum(2_000, 120, 120, 0.8, 6);
        var op = new RowBlockOperator(new RowMajorSource(a, BlockElementType.Float32), 500);
        var options = new RandomizedSvdOptions(PowerIterations: 2, Seed: 3);
        var plain = RandomizedSvd.Compute(op, 10, options, Backend);
        var mixed = RandomizedSvd.Compute(op, 10, options with { Precision = SketchPrecision.Mixed }, Backend);
        Assert.Equal(SketchPrecision.Double, mixed.Precision);
        Assert.Contains("the data is float32", mixed.PrecisionNote);
        // the same float32 computation; not bit for bit, because OpenBLAS may split an sgemm differently while other
        // tests call it from other threads (seen in the full suite): equal to float32's effect on σ
        for (int i = 0; i < plain.S.Length; i++) Assert.Equal(plain.S[i], mixed.S[i], 1e-6 * plain.S[0]);
    }
}
