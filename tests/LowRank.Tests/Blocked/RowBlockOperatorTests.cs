using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;
using LowRank.Tests.Core;
using Xunit;

namespace LowRank.Tests.Blocked;

/// <summary>The dense matrix applied block of rows by block of rows (out of core or resident) against the one-array matrix.</summary>
public class RowBlockOperatorTests
{
    private static readonly ILinalgBackend Backend = Backends.Current;

    private static void AssertClose(Matrix expected, Matrix actual, double tolerance)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Cols, actual.Cols);
        double scale = expected.FrobeniusNorm();
        for (int k = 0; k < expected.Data.Length; k++)
            Assert.True(Math.Abs(expected.Data[k] - actual.Data[k]) <= tolerance * scale, $"entry {k}: {actual.Data[k]} vs {expected.Data[k]}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(64)]
    public void ProductsAndNormMatchTheDenseMatrixForAnyBlockSize(int blockRows)
    {
        var a = TestMatrices.Random(50, 13, 3);
        var source = new RowMajorSource(a);
        var op = new RowBlockOperator(source, blockRows);
        var x = TestMatrices.Random(13, 4, 4);
        var y = TestMatrices.Random(50, 3, 5);
        AssertClose(Backend.Multiply(a, x), op.Multiply(x, Backend), 1e-14);
        AssertClose(Backend.Multiply(a, y, transA: true), op.MultiplyTransposed(y, Backend), 1e-14);
        Assert.Equal(a.SquaredFrobeniusNorm(), op.SquaredFrobeniusNorm(), 1e-10 * a.SquaredFrobeniusNorm());
        Assert.Equal(2, op.Passes); // the norm came with the first pass
        Assert.Equal(2 * op.Blocks, source.Reads);
        Assert.Equal(2L * 50 * 13 * sizeof(double), op.BytesRead);
    }

    [Fact]
    public void RandomizedSvdOutOfCoreEqualsInMemoryForTheSameSeed()
    {
        var a = TestMatrices.LowRankPlusNoise(300, 120, 30, 1e-3, 7);
        var options = new RandomizedSvdOptions(Seed: 11, PowerIterations: 3);
        var dense = RandomizedSvd.Compute(a, 8, options, Backend);
        var op = new RowBlockOperator(new RowMajorSource(a), 37);
        var blocked = RandomizedSvd.Compute(op, 8, options, Backend);
        for (int i = 0; i < 8; i++) Assert.Equal(dense.S[i], blocked.S[i], 1e-12 * dense.S[0]);
        AssertClose(dense.U!, blocked.U!, 1e-9);
        AssertClose(dense.VT!, blocked.VT!, 1e-9);
        Assert.Equal(3 + 1, op.Passes); // each A·X fused with the Aᵀ product after it: q + 1 passes
    }

    [Fact]
    public void FusedPassGivesAXAndItsTransposedProduct()
    {
        var a = TestMatrices.Random(61, 17, 14);
        var op = new RowBlockOperator(new RowMajorSource(a, BlockElementType.Float64), 8);
        var x = TestMatrices.Random(17, 3, 15);
        var (y, w) = op.MultiplyThenTransposed(x, Backend);
        var expectedY = Backend.Multiply(a, x);
        AssertClose(expectedY, y, 1e-14);
        AssertClose(Backend.Multiply(a, expectedY, transA: true), w, 1e-14);
        Assert.Equal(1, op.Passes);
    }

    [Theory]
    [InlineData(BlockElementType.Float64)]
    [InlineData(BlockElementType.Float32)]
    public void FusedProductsOverwriteTheBuffersTheyAreGiven(BlockElementType elementType)
    {
        var a = TestMatrices.Random(61, 17, 14);
        var op = new RowBlockOperator(new RowMajorSource(a, elementType), 8);
        var x = TestMatrices.Random(17, 3, 15);
        var (fresh, freshW) = op.MultiplyThenTransposed(x, Backend);
        Matrix y = new(61, 3), w = new(17, 3);
        Array.Fill(y.Data, double.NaN);
        Array.Fill(w.Data, double.NaN);
        var (yOut, wOut) = op.MultiplyThenTransposed(x, Backend, y, w);
        Assert.Same(y, yOut);
        Assert.Same(w, wOut);
        Assert.Equal(fresh.Data, y.Data);
        Assert.Equal(freshW.Data, w.Data);
        Assert.Throws<ArgumentException>(() => op.MultiplyThenTransposed(x, Backend, y, new Matrix(17, 4)));
        // W written over X would clear the input before it is read: refused, and X left as it was
        var square = new RowBlockOperator(new RowMajorSource(TestMatrices.Random(17, 17, 16), elementType), 8);
        var xs = TestMatrices.Random(17, 3, 17);
        var before = (double[])xs.Data.Clone();
        Assert.Throws<ArgumentException>(() => square.MultiplyThenTransposed(xs, Backend, null, xs));
        Assert.Throws<ArgumentException>(() => square.MultiplyThenTransposed(xs, Backend, xs));
        Assert.Equal(before, xs.Data);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(20)] // more workers than rows in a block: some get none
    public void WorkersSharingTheRowsOfEachBlockGiveTheOneThreadProducts(int workers)
    {
        var a = TestMatrices.Random(61, 17, 14);
        var x = TestMatrices.Random(17, 5, 15);
        var single = new Tests.Compression.ThreadCountSpyBackend(1); // BLAS on one thread: the workers run
        var serial = new RowBlockOperator(new RowMajorSource(a, BlockElementType.Float64), 8);
        var shared = new RowBlockOperator(new RowMajorSource(a, BlockElementType.Float64), 8) { Workers = workers };
        var (y1, w1) = serial.MultiplyThenTransposed(x, single);
        var (y2, w2) = shared.MultiplyThenTransposed(x, single, new Matrix(61, 5), new Matrix(17, 5));
        AssertClose(y1, y2, 1e-15);
        AssertClose(w1, w2, 1e-14);
        var (_, again) = shared.MultiplyThenTransposed(x, single);
        Assert.Equal(w2.Data, again.Data); // partial sums added in thread order: the same bits every run
        Assert.Equal(0, single.Sets); // the operator never touches the process-wide thread count
        var threaded = new Tests.Compression.ThreadCountSpyBackend(2); // BLAS threads its own calls: one worker
        Assert.Equal(serial.MultiplyThenTransposed(x, threaded).W.Data, shared.MultiplyThenTransposed(x, threaded).W.Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => shared.Workers = 0);
    }

    [Fact]
    public void WorkersSharingTheMixedPassGiveTheOneThreadProductsAndSumOfSquares()
    {
        var a = TestMatrices.Random(61, 17, 14);
        var x = TestMatrices.Random(17, 5, 15);
        var single = new Tests.Compression.ThreadCountSpyBackend(1);
        foreach (bool last in new[] { false, true })
        {
            var serial = new RowBlockOperator(new RowMajorSource(a, BlockElementType.Float64), 8);
            var shared = new RowBlockOperator(new RowMajorSource(a, BlockElementType.Float64), 8) { Workers = 3 };
            Matrix y1 = new(61, 5), y2 = new(61, 5);
            var w1 = serial.MultiplyThenTransposedInSingle(x, single, y1, last);
            var w2 = shared.MultiplyThenTransposedInSingle(x, single, y2, last);
            Assert.Equal(y1.Data, y2.Data); // each row's float32 products are the same sgemm terms
            AssertClose(w1, w2, last ? 1e-14 : 1e-6);
            Assert.Equal(serial.SquaredFrobeniusNorm(), shared.SquaredFrobeniusNorm(), 1e-13 * serial.SquaredFrobeniusNorm());
            Assert.Equal(1, shared.Passes); // the sum of squares came with the workers' pass
        }
    }

    [Fact]
    public void MixedPassOverwritesTheWItIsGiven()
    {
        var a = TestMatrices.Random(61, 17, 14);
        var op = new RowBlockOperator(new RowMajorSource(a, BlockElementType.Float64), 8);
        var x = TestMatrices.Random(17, 3, 15);
        foreach (bool last in new[] { false, true })
        {
            var fresh = op.MultiplyThenTransposedInSingle(x, Backend, new Matrix(61, 3), last);
            var w = new Matrix(17, 3);
            Array.Fill(w.Data, double.NaN);
            Assert.Same(w, op.MultiplyThenTransposedInSingle(x, Backend, new Matrix(61, 3), last, w));
            Assert.Equal(fresh.Data, w.Data);
        }
    }

    [Fact]
    public void NearlyRankDeficientSketchFallsBackToItsOwnProductAndStaysAccurate()
    {
        // rank 3 < l = 2 + 10: R = QᵀY is singular, so AᵀQ cannot come from (AᵀY)·R⁻¹
        var a = TestMatrices.RankDeficient(200, 80, 3, 16);
        var options = new RandomizedSvdOptions(Seed: 1, PowerIterations: 2);
        var dense = RandomizedSvd.Compute(a, 2, options, Backend);
        var op = new RowBlockOperator(new RowMajorSource(a), 50);
        var blocked = RandomizedSvd.Compute(op, 2, options, Backend);
        for (int i = 0; i < 2; i++) Assert.Equal(dense.S[i], blocked.S[i], 1e-10 * dense.S[0]);
        Assert.True(op.Passes > 3);
    }

    [Fact]
    public void TransposedStorageGivesTheSameDecomposition()
    {
        // A Fortran-order file stores Aᵀ row by row; the algorithms see A through TransposedOperator.
        var a = TestMatrices.LowRankPlusNoise(90, 200, 20, 1e-3, 8);
        var options = new RandomizedSvdOptions(Seed: 2, PowerIterations: 2);
        var dense = RandomizedSvd.Compute(a, 5, options, Backend);
        var op = new TransposedOperator(new RowBlockOperator(new RowMajorSource(a.Transpose()), 16));
        var blocked = RandomizedSvd.Compute(op, 5, options, Backend);
        for (int i = 0; i < 5; i++) Assert.Equal(dense.S[i], blocked.S[i], 1e-12 * dense.S[0]);
        AssertClose(dense.U!, blocked.U!, 1e-9);
    }

    [Fact]
    public void Float32BlocksGiveSingularValuesWithin1e4RelativeOfFloat64()
    {
        var a = TestMatrices.LowRankPlusNoise(400, 150, 40, 1e-3, 9);
        var options = new RandomizedSvdOptions(Seed: 3, PowerIterations: 4);
        var single = RandomizedSvd.Compute(new RowBlockOperator(new RowMajorSource(a, BlockElementType.Float32), 64), 10, options, Backend);
        var exact = ExactSvd.Compute(a.Clone(), false, Backend);
        for (int i = 0; i < 10; i++)
            Assert.True(Math.Abs(single.S[i] - exact.S[i]) <= 1e-4 * exact.S[i], $"σ_{i + 1}: float32 {single.S[i]} vs float64 {exact.S[i]}");
        // and float32 arithmetic really ran: the values differ from float64's beyond float64 rounding
        var dbl = RandomizedSvd.Compute(a, 10, options, Backend);
        Assert.True(Math.Abs(single.S[0] - dbl.S[0]) > 1e-13 * dbl.S[0]);
    }

    [Fact]
    public void AProgressCallbackThatCancelsStopsThePassAndTheNextPassIsCorrect()
    {
        var a = TestMatrices.Random(100, 11, 17);
        var op = new RowBlockOperator(new RowMajorSource(a), 9);
        var x = TestMatrices.Random(11, 2, 18);
        op.Progress = p => { if (p.Block == 3) throw new OperationCanceledException(); };
        Assert.Throws<OperationCanceledException>(() => op.Multiply(x, Backend));
        Assert.Equal(0, op.Passes);
        op.Progress = null;
        AssertClose(Backend.Multiply(a, x), op.Multiply(x, Backend), 1e-14);
        Assert.Equal(a.SquaredFrobeniusNorm(), op.SquaredFrobeniusNorm(), 1e-10 * a.SquaredFrobeniusNorm());
    }

    [Fact]
    public void ResidentBlocksMultiplyWithoutReadingAndMatch()
    {
        var a = TestMatrices.Random(70, 9, 12);
        var source = new RowMajorSource(a);
        var resident = ResidentRowBlocks.Load(source, 16);
        int reads = source.Reads;
        var op = new RowBlockOperator(resident, 1);
        Assert.Equal(16, op.BlockRows);
        var x = TestMatrices.Random(9, 2, 13);
        AssertClose(Backend.Multiply(a, x), op.Multiply(x, Backend), 1e-14);
        Assert.Equal(reads, source.Reads);
        Assert.Equal(0, op.BytesRead);
    }

    [Fact]
    public void PlanKeepsTheBudgetAndSaysTheMinimumWhenItIsTooSmall()
    {
        long sketch = RandomizedSvd.SketchBytes(10_000, 500, 20);
        var resident = BlockPlan.For(10_000, 500, 8, 20, sketch, 100L << 20);
        Assert.True(resident.Resident);
        var streamed = BlockPlan.For(10_000, 500, 8, 20, sketch, sketch + (4L << 20));
        Assert.False(streamed.Resident);
        Assert.True(sketch + RowBlockOperator.BufferBytes(streamed.BlockRows, 500, 8, 20) <= sketch + (4L << 20));
        Assert.True(streamed.BlockRows > 100);
        var e = Assert.Throws<InvalidInputException>(() => BlockPlan.For(10_000, 500, 8, 20, sketch, sketch));
        Assert.Contains("too small", e.Message);
        Assert.Contains($"({(sketch + 2 * 500 * 8 + (1 << 20) - 1) >> 20}MB)", e.Message);
        Assert.Equal("MemoryBudget", e.Parameter);
    }

    /// <summary>
    /// A matrix of 1,100,000 × 2,000 = 2.2·10⁹ entries (more than one .NET array holds) applied through resident float32
    /// blocks that all share one stored block B of 40 rows: A·x repeats Bx, Aᵀ·1 = 27,500·Bᵀ1 (float32 tolerances).
    /// </summary>
    [Fact]
    public void MoreEntriesThanOneArrayHoldsAreMultipliedBlockByBlock()
    {
        int m = 1_100_000, n = 2_000, blockRows = 40;
        Assert.True((long)m * n > Array.MaxLength);
        var b = TestMatrices.Random(blockRows, n, 21);
        var source = new RepeatedBlockSource(m, b);
        var op = new RowBlockOperator(source, blockRows);
        var x = TestMatrices.Random(n, 1, 22);
        var y = op.Multiply(x, Backend);
        var bx = Backend.Multiply(b, x);
        for (int i = 0; i < m; i += 99_991) Assert.Equal(bx.Data[i % blockRows], y.Data[i], 1e-4 * Math.Abs(bx.Data[i % blockRows]) + 1e-3);
        var ones = new Matrix(m, 1);
        ones.Data.AsSpan().Fill(1);
        var z = op.MultiplyTransposed(ones, Backend);
        var onesBlock = new Matrix(blockRows, 1);
        onesBlock.Data.AsSpan().Fill(1);
        var btOnes = Backend.Multiply(b, onesBlock, transA: true);
        for (int j = 0; j < n; j++) Assert.Equal(27_500 * btOnes.Data[j], z.Data[j], 1e-4 * Math.Abs(27_500 * btOnes.Data[j]) + 1e-2);
    }
}
