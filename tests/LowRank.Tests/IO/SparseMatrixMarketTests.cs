using LowRank.IO;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>Matrix Market coordinate files read as sparse matrices (<see cref="MatrixMarketFile.ReadAny"/>) and written back.</summary>
public sealed class SparseMatrixMarketTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SymmetricFileScipyWroteIsExpandedAndStaysSparse()
    {
        MatrixContent content = MatrixFile.ReadAny(SparseFixtures.Path("symmetric.mtx"));
        Assert.True(content.IsSparse);
        IoFixtures.Equal(SparseFixtures.Expected("symmetric.csv"), content.Sparse!.ToDense());
        Assert.Equal(6, content.Sparse.NonZeros);
    }

    [Fact]
    public void DuplicatesAreSummedPatternIsOneAndSkewIsMirroredWithMinus()
    {
        string dup = _dir.Write("d.mtx", "%%MatrixMarket matrix coordinate real general\n2 3 3\n1 2 1.5\n2 3 4\n1 2 2.5\n");
        CsrMatrix d = MatrixFile.ReadAny(dup).Sparse!;
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 0.0, 4, 0 }, { 0, 0, 4 } }), d.ToDense());
        Assert.Equal(2, d.NonZeros);

        string pattern = _dir.Write("p.mtx", "%%MatrixMarket matrix coordinate pattern symmetric\n3 3 2\n2 1\n3 3\n");
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 0.0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } }), MatrixFile.ReadAny(pattern).Sparse!.ToDense());

        string skew = _dir.Write("k.mtx", "%%MatrixMarket matrix coordinate integer skew-symmetric\n3 3 2\n2 1 5\n3 1 -7\n");
        IoFixtures.Equal(MatrixMarketFile.Read(skew), MatrixFile.ReadAny(skew).Sparse!.ToDense());
    }

    [Fact]
    public void ArrayFileStaysDense()
    {
        string path = _dir.Write("a.mtx", "%%MatrixMarket matrix array real general\n2 1\n3\n4\n");
        MatrixContent content = MatrixFile.ReadAny(path);
        Assert.False(content.IsSparse);
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 3.0 }, { 4 } }), content.Dense!.Values);
    }

    [Fact]
    public void WrittenCoordinateFileReadsBackExactly()
    {
        var m = new CsrMatrix(3, 4, [0, 2, 2, 4], [0, 3, 1, 2], [1.5, 0.0, -1e-300, 1.0 / 3.0]);
        string path = _dir.File("m.mtx");
        MatrixFile.Write(path, m);
        Assert.Equal("%%MatrixMarket matrix coordinate real general", File.ReadLines(path).First());
        CsrMatrix back = MatrixFile.ReadAny(path).Sparse!;
        Assert.Equal(m.RowOffsets, back.RowOffsets);
        Assert.Equal(m.ColumnIndices, back.ColumnIndices);
        Assert.Equal(m.Values, back.Values);
    }

    [Fact]
    public void HeaderEntryCountMustMatchTheEntries()
    {
        string more = _dir.Write("m.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 2\n");
        Assert.Equal($"{more}: line 4: more entries than the 1 announced by the size line (line 2)", IoFixtures.Error(() => MatrixFile.ReadAny(more)));
        string fewer = _dir.Write("f.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1\n");
        Assert.Equal($"{fewer}: truncated: the size line (line 2) announces 3 entries but the file ends at line 3 after 1",
            IoFixtures.Error(() => MatrixFile.ReadAny(fewer)));
    }

    [Fact]
    public void IndexOutOfRangeNamesTheLine()
    {
        string path = _dir.Write("o.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n1 3 1\n");
        Assert.Equal($"{path}: line 4: column index 3 is outside 1..2", IoFixtures.Error(() => MatrixFile.ReadAny(path)));
    }

    [Fact]
    public void ZeroAndNegativeDimensionsAreRefused()
    {
        string zero = _dir.Write("z.mtx", "%%MatrixMarket matrix coordinate real general\n0 2 0\n");
        Assert.Equal($"{zero}: line 2: a 0×2 matrix; both dimensions must be positive", IoFixtures.Error(() => MatrixFile.ReadAny(zero)));
        string negative = _dir.Write("n.mtx", "%%MatrixMarket matrix coordinate real general\n-2 2 0\n");
        Assert.Equal($"{negative}: line 2: the row count '-2' is not a non-negative integer", IoFixtures.Error(() => MatrixFile.ReadAny(negative)));
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("inf")]
    public void NonFiniteValuesAreRefused(string bad)
    {
        string path = _dir.Write("n.mtx", $"%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n2 2 {bad}\n");
        Assert.Equal($"{path}: line 4: the value {bad} is not a finite number", IoFixtures.Error(() => MatrixFile.ReadAny(path)));
    }

    [Fact]
    public void HermitianIsRefusedClearly()
    {
        string path = _dir.Write("h.mtx", "%%MatrixMarket matrix coordinate complex hermitian\n2 2 1\n1 1 1 0\n");
        Assert.Equal($"{path}: line 1: complex matrices are not supported (real, integer or pattern only)", IoFixtures.Error(() => MatrixFile.ReadAny(path)));
    }
}
