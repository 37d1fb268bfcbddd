using LowRank.Distributed;
using LowRank.IO;
using LowRank.Linalg;
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
