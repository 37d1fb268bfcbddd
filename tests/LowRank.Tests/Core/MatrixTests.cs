using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Core;

public class MatrixTests
{
    private static readonly double[,] Values = { { 1, 2, 3 }, { 4, 5, 6 } };

    [Fact]
    public void StorageIsColumnMajor()
    {
        var m = Matrix.FromArray(Values);
        Assert.Equal(new double[] { 1, 4, 2, 5, 3, 6 }, m.Data);
        Assert.Equal(6, m[1, 2]);
        Assert.Equal(new double[] { 2, 5 }, m.Column(1).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MultiplyIntoWritesTheThinProductOverWhateverTheTargetHeld(bool transposed)
    {
        var backend = Backends.Current;
        var a = TestMatrices.Random(37, 23, 1);
        var x = TestMatrices.Random(transposed ? 37 : 23, 5, 2);
        var target = new Matrix(transposed ? 23 : 37, 5);
        Array.Fill(target.Data, double.NaN);
        a.MultiplyInto(x, target, backend, transposed);
        var expected = backend.Multiply(a, x, transA: transposed);
        Assert.True(TestMatrices.MaxAbsDiff(expected, target) < 1e-13);
        Assert.Throws<ArgumentException>(() => a.MultiplyInto(x, new Matrix(target.Rows, 4), backend, transposed));
        Assert.Throws<ArgumentException>(() => a.MultiplyInto(TestMatrices.Random(x.Rows + 1, 5, 3), target, backend, transposed));
        var square = TestMatrices.Random(6, 6, 4);
        var xs = TestMatrices.Random(6, 6, 5);
        Assert.Throws<ArgumentException>(() => square.MultiplyInto(xs, xs, backend, transposed)); // gemm cannot write over its operand
    }

    [Fact]
    public void ConversionsRoundTrip()
    {
        var m = Matrix.FromArray(Values);
        Assert.Equal(Values, m.ToArray());
        Assert.Equal(m.Data, Matrix.FromRows(m.ToJagged()).Data);
        Assert.Equal(m.Data, Matrix.FromMathNet(m.ToMathNet()).Data);
        Assert.Equal(m.Data, Matrix.FromRowMajor(2, 3, [1, 2, 3, 4, 5, 6]).Data);
        var mathNet = m.ToMathNet();
        mathNet[0, 0] = 99;
        Assert.Equal(1, m[0, 0]);   // no shared storage
    }

    [Fact]
    public void TransposeAndLeadingBlocks()
    {
        var m = TestMatrices.Random(70, 45, 61);   // larger than one 32×32 transpose block
        var t = m.Transpose();
        for (int i = 0; i < 70; i++)
            for (int j = 0; j < 45; j++)
                Assert.Equal(m[i, j], t[j, i]);
        var cols = m.LeadingColumns(3);
        var rows = m.LeadingRows(4);
        Assert.Equal((70, 3, 4, 45), (cols.Rows, cols.Cols, rows.Rows, rows.Cols));
        Assert.Equal(m[69, 2], cols[69, 2]);
        Assert.Equal(m[3, 44], rows[3, 44]);
    }

    [Fact]
    public void FrobeniusNormNeitherOverflowsNorUnderflows()
    {
        Assert.Equal(5.0, Matrix.FromArray(new double[,] { { 3, 4 } }).FrobeniusNorm(), 14);
        Assert.Equal(5e200, Matrix.FromArray(new double[,] { { 3e200, 4e200 } }).FrobeniusNorm(), 1e188);
        Assert.Equal(5e-200, Matrix.FromArray(new double[,] { { 3e-200, 4e-200 } }).FrobeniusNorm(), 1e-212);
    }

    [Fact]
    public void RejectsStorageOfTheWrongLengthAndImpossibleSizes()
    {
        Assert.Throws<ArgumentException>(() => new Matrix(2, 3, new double[5]));
        var e = Assert.Throws<InvalidInputException>(() => new Matrix(100_000, 100_000));
        Assert.Contains("100000×100000", e.Message);
    }

    [Fact]
    public void MemoryBudgetSaysHowMuchIsNeeded()
    {
        var e = Assert.Throws<InvalidInputException>(() => MemoryBudget.RequireMatrix(1_000_000, 1_000_000, "x.npy"));
        Assert.Contains("7450.6 GiB", e.Message);
        MemoryBudget.RequireMatrix(1000, 1000, "small");
    }
}
