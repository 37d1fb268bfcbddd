using LowRank.Distributed;
using LowRank.IO;
using System.Runtime.InteropServices;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;
using LowRank.Tests.IO;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>Each process reads only its rows: .npy by offset (C and Fortran order), scipy csr .npz by row slices.</summary>
public class RowBlockReadTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(10, 3)]
    [InlineData(10, 4)]
    [InlineData(3, 4)]
    public void BlocksCoverEveryRowOnceInOrderWithCountsWithinOne(int rows, int size)
    {
        var blocks = Enumerable.Range(0, size).Select(r => RowBlock.For(rows, r, size)).ToArray();
        Assert.Equal(0, blocks[0].Start);
        for (int r = 1; r < size; r++) Assert.Equal(blocks[r - 1].End, blocks[r].Start);
        Assert.Equal(rows, blocks[^1].End);
        Assert.True(blocks.Max(b => b.Count) - blocks.Min(b => b.Count) <= 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NpyRowsAreTheRowsOfTheWholeMatrixInEitherOrder(bool fortranOrder)
    {
        using var dir = new TempDirectory();
        var a = Gaussian.Matrix(17, 5, new Random(3));
        string path = dir.File("a.npy");
        if (fortranOrder) NpyFile.Write(path, a);
        else DistributedFixtures.WriteCOrder(path, a);
        Assert.Equal((17, 5), NpyRowBlockFile.Shape(path));
        foreach (var (start, count) in new[] { (0, 17), (0, 6), (6, 6), (12, 5), (16, 1), (4, 0) })
            Assert.Equal(DistributedFixtures.Rows(a, start, count).Data, NpyRowBlockFile.ReadRows(path, start, count).Data);
    }

    [Fact]
    public void CORderRowsSpanningSeveralReadChunksAreTheRowsOfTheWholeMatrix()
    {
        using var dir = new TempDirectory();
        var a = Gaussian.Matrix(17, 20_000, new Random(4)); // a row is 160 kB: a 1 MB read chunk holds 6 of them
        string path = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        foreach (var (start, count) in new[] { (0, 17), (3, 13), (11, 6), (16, 1) })
            Assert.Equal(DistributedFixtures.Rows(a, start, count).Data, NpyRowBlockFile.ReadRows(path, start, count).Data);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AProcessHoldsCOrderFloat64RowsAsRowMajorBlocksAndOtherFilesAsAMatrixWithTheSameProducts(bool fortranOrder)
    {
        using var dir = new TempDirectory();
        var a = Gaussian.Matrix(23, 6, new Random(8));
        string path = dir.File("a.npy");
        if (fortranOrder) NpyFile.Write(path, a);
        else DistributedFixtures.WriteCOrder(path, a);
        var x = Gaussian.Matrix(6, 3, new Random(9));
                var backend = new ManagedBackend();
        foreach (var (start, count) in new[] { (0, 23), (7, 9), (22, 1) })
        {
            var rows = RowBlockInput.ReadRows(path, start, count);
            Assert.Equal(!fortranOrder, rows is RowBlockOperator { HoldsDouble: true });
            var expected = DistributedFixtures.Rows(a, start, count);
            AssertClose(backend.Multiply(expected, x), rows.Multiply(x, backend));
            var yc = Gaussian.Matrix(count, 3, new Random(count));
            AssertClose(backend.Multiply(expected.Transpose(), yc), rows.MultiplyTransposed(yc, backend));
            Assert.IsType<Matrix>(RowBlockInput.ReadRows(path, start, count, asMatrix: true));
        }
    }

    private static void AssertClose(Matrix expected, Matrix actual)
    {
        Assert.Equal((expected.Rows, expected.Cols), (actual.Rows, actual.Cols));
        for (int i = 0; i < expected.Data.Length; i++) Assert.True(Math.Abs(expected.Data[i] - actual.Data[i]) <= 1e-12, $"entry {i}: {actual.Data[i]} against {expected.Data[i]}");
    }

    [Fact]
    public void ARowRangeReadsTheRowsOfItsSourceFromItsStartAndRefusesRowsOutsideIt()
    {
        using var dir = new TempDirectory();
        var a = Gaussian.Matrix(10, 4, new Random(11));
        using var file = NpyRowBlocks.Open(DistributedFixtures.WriteCOrder(dir.File("a.npy"), a));
        var range = new RowRangeSource(file, 3, 5);
        Assert.Equal((5, 4), (range.Rows, range.Cols));
        var buffer = new byte[2 * 4 * sizeof(double)];
        var two = MemoryMarshal.Cast<byte, double>(range.ReadRows(1, 2, buffer)).ToArray();
        Assert.Equal(new[] { a[4, 0], a[4, 1], a[4, 2], a[4, 3], a[5, 0], a[5, 1], a[5, 2], a[5, 3] }, two);
        Assert.Throws<ArgumentOutOfRangeException>(() => range.ReadRows(4, 2, buffer));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RowRangeSource(file, 8, 3));
    }

    [Fact]
    public void ReadingCOrderRowsAllocatesTheBlockAndOneChunkNotTwiceTheBlock()
    {
        using var dir = new TempDirectory();
        var a = Gaussian.Matrix(900, 2_500, new Random(6));
        string path = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        long blockBytes = 800L * 2_500 * sizeof(double); // 16 MB
        long before = GC.GetAllocatedBytesForCurrentThread();
        var block = NpyRowBlockFile.ReadRows(path, 50, 800);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DistributedFixtures.Rows(a, 50, 800).Data, block.Data);
        Assert.True(allocated < blockBytes + (3 << 20), $"reading a {blockBytes:N0}-byte block allocated {allocated:N0} bytes");
    }

    [Fact]
    public void RowsWrittenInPlaceByBlocksMakeTheCOrderFileNumpyReads()
    {
        using var dir = new TempDirectory();
        var a = Gaussian.Matrix(11, 4, new Random(5));
        string path = dir.File("u.npy");
        NpyRowBlockFile.Create(path, 11, 4);
        foreach (int rank in new[] { 2, 0, 1 }) // any order: each process writes its own rows
        {
            var block = RowBlock.For(11, rank, 3);
            NpyRowBlockFile.WriteRows(path, block.Start, DistributedFixtures.Rows(a, block.Start, block.Count));
        }
        Assert.Equal(File.ReadAllBytes(DistributedFixtures.WriteCOrder(dir.File("reference.npy"), a)), File.ReadAllBytes(path));
        Assert.Equal(a.Data, NpyFile.Read(path).Data);
    }

    [Theory]
    [InlineData("csr.npz")]
    [InlineData("csr-stored.npz")]
    [InlineData("csr-int64.npz")]
    [InlineData("csr-unsorted.npz")]
    public void NpzRowSlicesOfScipyFilesEqualTheRowsOfTheWholeFile(string name)
    {
        string path = SparseFixtures.Path(name);
        var whole = SparseNpzFile.Read(path).ToDense();
        Assert.Equal((whole.Rows, whole.Cols), SparseNpzRowBlockFile.Shape(path));
        for (int size = 1; size <= 3; size++)
            for (int rank = 0; rank < size; rank++)
            {
                var block = RowBlock.For(whole.Rows, rank, size);
                var slice = SparseNpzRowBlockFile.ReadRows(path, block.Start, block.Count);
                Assert.Equal(DistributedFixtures.Rows(whole, block.Start, block.Count).Data, slice.ToDense().Data);
            }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NpzRowSlicesOfLargerFilesStoredOrDeflatedMatchTheWholeMatrix(bool compressed)
    {
        using var dir = new TempDirectory();
        var a = Sparse.SparseTestMatrices.Random(200, 40, 0.1, seed: 7);
        string path = dir.File("a.npz");
        SparseNpzFile.Write(path, a, compressed);
        var whole = a.ToDense();
        var block = RowBlock.For(200, 2, 3);
        Assert.Equal(DistributedFixtures.Rows(whole, block.Start, block.Count).Data, SparseNpzRowBlockFile.ReadRows(path, block.Start, block.Count).ToDense().Data);
    }

    [Fact]
    public void NonFiniteValueInABlockIsRefusedNamingItsRowAndColumn()
    {
        using var dir = new TempDirectory();
        var a = Gaussian.Matrix(9, 3, new Random(1));
        a[7, 2] = double.NaN;
        string path = DistributedFixtures.WriteCOrder(dir.File("a.npy"), a);
        Assert.NotNull(RowBlockInput.ReadRows(path, 0, 5)); // the NaN is not in these rows
        var e = Assert.Throws<InvalidInputException>(() => RowBlockInput.ReadRows(path, 5, 4));
        Assert.Contains("row 7, column 2 is NaN", e.Message);
    }

    [Fact]
    public void CscFilesAndOtherFormatsAreRefusedWithTheWayOut()
    {
        var e = Assert.Throws<InvalidInputException>(() => RowBlockInput.Shape(SparseFixtures.Path("csc.npz")));
        Assert.Contains(".tocsr()", e.Message);
        e = Assert.Throws<InvalidInputException>(() => RowBlockInput.Shape(SparseFixtures.Path("a.csv")));
        Assert.Contains(".npy (dense) and scipy csr .npz", e.Message);
    }
}
