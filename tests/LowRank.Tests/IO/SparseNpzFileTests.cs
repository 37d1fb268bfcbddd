using System.IO.Compression;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class SparseNpzFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("csr.npz")]
    [InlineData("csr-stored.npz")]
    [InlineData("csc.npz")]
    [InlineData("csr-int64.npz")]
    public void FilesScipyWroteLoadWithTheirValues(string name)
    {
        CsrMatrix m = SparseNpzFile.Read(SparseFixtures.Path(name));
        IoFixtures.Equal(SparseFixtures.Expected("a.csv"), m.ToDense());
        Assert.Equal(6, m.NonZeros);
        SparseFixtures.Canonical(m);
    }

    [Fact]
    public void CooWithFloat32DataLoadsAsItsFloat32Values()
    {
        Matrix expected = SparseFixtures.Expected("a.csv");
        Matrix m = SparseNpzFile.Read(SparseFixtures.Path("coo.npz")).ToDense();
        for (int i = 0; i < expected.Rows; i++)
            for (int j = 0; j < expected.Cols; j++)
                Assert.Equal((double)(float)expected[i, j], m[i, j]);
    }

    [Fact]
    public void UnsortedCsrIsSortedAndItsRepeatsSummedAsScipyDoes()
    {
        CsrMatrix m = SparseNpzFile.Read(SparseFixtures.Path("csr-unsorted.npz"));
        IoFixtures.Equal(SparseFixtures.Expected("csr-unsorted.csv"), m.ToDense());
        Assert.Equal(3, m.NonZeros);
        SparseFixtures.Canonical(m);
    }

    /// <summary>
    /// What scipy's load_npz needs, member by member: the bytes of every .npy we write for A equal those scipy's
    /// save_npz(compressed=False) wrote for A (names and order indices, indptr, format, shape, data; dtypes int32,
    /// int32, |S3 b'csr', int64 (2,), float64). Checked once by hand as well (30 Nov 2026, scipy 1.10.1):
    /// <c>scipy.sparse.load_npz(path)</c> of our compressed and stored files gave A exactly, as a csr_matrix with
    /// has_sorted_indices true.
    /// </summary>
    [Fact]
    public void WrittenFileHoldsExactlyWhatScipyWrites()
    {
        CsrMatrix a = SparseNpzFile.Read(SparseFixtures.Path("csr-stored.npz"));
        string path = _dir.File("ours.npz");
        SparseNpzFile.Write(path, a, compressed: false);
        Assert.Equal(Members(SparseFixtures.Path("csr-stored.npz")), Members(path));
    }

    [Fact]
    public void CompressedRoundTripIsExactAndKeepsExplicitZeros()
    {
        var m = new CsrMatrix(3, 4, [0, 2, 2, 4], [0, 3, 1, 2], [1.5, 0.0, -1e-300, 1.0 / 3.0]);
        string path = _dir.File("m.npz");
        MatrixFile.Write(path, m);
        CsrMatrix back = SparseNpzFile.Read(path);
        Assert.Equal(m.RowOffsets, back.RowOffsets);
        Assert.Equal(m.ColumnIndices, back.ColumnIndices);
        Assert.Equal(m.Values, back.Values);
        using var zip = ZipFile.OpenRead(path);
        Assert.All(zip.Entries, e => Assert.True(e.CompressedLength < e.Length || e.Length < 200));
    }

    [Fact]
    public void DenseReadOfASparseFileDensifies()
    {
        MatrixData data = MatrixFile.Read(SparseFixtures.Path("csc.npz"));
        IoFixtures.Equal(SparseFixtures.Expected("a.csv"), data.Values);
        Assert.Equal(0, data.MissingCount);
    }

    [Fact]
    public void DenseMatrixIsNotWrittenToASparseFormat()
    {
        string path = _dir.File("d.npz");
        Assert.Equal($"{path}: this is a sparse format and the matrix is dense; write it as .npy, .csv or .mtx",
            IoFixtures.Error(() => MatrixFile.Write(path, IoFixtures.Sample())));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void NumpyArchiveThatIsNotScipySparseIsRefused()
    {
        string path = SparseFixtures.Path("dense.npz");
        Assert.Equal($"{path}: not a scipy sparse file (scipy.sparse.save_npz writes 'format', 'shape', 'data' and 'indices'+'indptr' or 'row'+'col'); it holds 'a'",
            IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Fact]
    public void FileThatIsNotAZipIsRefused()
    {
        string path = _dir.Write("x.npz", "1,2\n3,4\n");
        Assert.Equal($"{path}: not a .npz file (it is not a zip archive)", IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Fact]
    public void UnsupportedSparseFormatIsNamed()
    {
        string path = _dir.File("bsr.npz");
        NpzArchive.Write(path, [SparseFixtures.Format("bsr"), SparseFixtures.Ints("shape", 2, 2), SparseFixtures.Doubles("data", 1.0)], compressed: true);
        Assert.Contains("format.npy: sparse format 'bsr' is not supported", IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Fact]
    public void DecreasingOffsetsAreRefusedWithTheirPosition()
    {
        string path = SparseFixtures.Csr(_dir, "d.npz", 3, 3, [0, 2, 1, 3], [0, 1, 2], [1, 2, 3]);
        Assert.Equal($"{path}: indptr.npy: entry 2 (1) is less than entry 1 (2); offsets must be non-decreasing",
            IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Fact]
    public void OffsetsNotEndingAtTheEntryCountAreRefused()
    {
        string path = SparseFixtures.Csr(_dir, "e.npz", 2, 3, [0, 1, 2], [0, 1, 2], [1, 2, 3]);
        Assert.Equal($"{path}: indptr.npy: the last entry is 2, not the 3 stored entries", IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Fact]
    public void ColumnIndexOutOfRangeNamesTheEntryAndRow()
    {
        string path = SparseFixtures.Csr(_dir, "o.npz", 2, 3, [0, 1, 2], [0, 3], [1, 2]);
        Assert.Equal($"{path}: indices.npy: entry 1 (row 1) is 3, outside 0..2", IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void NonFiniteValuesAreRefused(double bad, string shown)
    {
        string path = SparseFixtures.Csr(_dir, "n.npz", 2, 2, [0, 1, 2], [0, 1], [1, bad]);
        Assert.Equal($"{path}: data.npy: entry 1 is {shown}; values must be finite", IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(2, -1)]
    public void ZeroOrNegativeDimensionsAreRefused(long rows, long cols)
    {
        string path = SparseFixtures.Csr(_dir, "z.npz", rows, cols, [0], [], []);
        Assert.Equal($"{path}: shape.npy: {rows}×{cols}; both dimensions must be positive", IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Fact]
    public void CooRowOutOfRangeIsRefused()
    {
        string path = _dir.File("coo.npz");
        NpzArchive.Write(path, [SparseFixtures.Ints("row", 0, 5), SparseFixtures.Ints("col", 0, 1), SparseFixtures.Format("coo"),
            SparseFixtures.Ints("shape", 2, 2), SparseFixtures.Doubles("data", 1, 2)], compressed: false);
        Assert.Equal($"{path}: row.npy: entry 1 is 5, outside 0..1", IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Fact]
    public void ShapeWhoseSizeOverflowsIsBadInput()
    {
        // 2⁶¹ float64 elements: 2⁶⁴ bytes, which wrapped to 0 in a 64-bit product and then failed as an I/O error.
        string path = _dir.File("overflow.npz");
        NpzArchive.Write(path, [SparseFixtures.Format("csr"), SparseFixtures.Ints("shape", 3, 3), ("data", "<f8", [1L << 61], new byte[8]),
            SparseFixtures.Ints("indices", 0), SparseFixtures.Ints("indptr", 0, 1, 1, 1)], compressed: false);
        Assert.Equal($"{path}: data.npy: shape (2305843009213693952,) has more elements than one array holds ({Array.MaxLength:N0})",
            IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    [Fact]
    public void ArrayLargerThanItsMemberIsRefusedBeforeReading()
    {
        string path = _dir.File("short.npz");
        NpzArchive.Write(path, [SparseFixtures.Format("csr"), SparseFixtures.Ints("shape", 3, 3), SparseFixtures.Doubles("data", 1.0),
            ("indices", "<i4", [200_000_000L], new byte[4]), SparseFixtures.Ints("indptr", 0, 1, 1, 1)], compressed: true);
        Assert.Matches(@": indices\.npy: shape \(200000000,\) needs 800,000,000 bytes of data, but the member holds \d+$",
            IoFixtures.Error(() => SparseNpzFile.Read(path)));
    }

    /// <summary>Each member's name and uncompressed bytes, in archive order.</summary>
    private static (string Name, string Bytes)[] Members(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e =>
        {
            using var s = e.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return (e.FullName, Convert.ToHexString(copy.ToArray()));
        }).ToArray();
    }
}
