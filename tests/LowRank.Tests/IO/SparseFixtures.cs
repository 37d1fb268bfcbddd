using System.Buffers.Binary;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>The scipy-written fixtures in IO/Fixtures/Sparse (made by make_fixtures.py there) and hand-made .npz files.</summary>
internal static class SparseFixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", "Sparse", name);

    /// <summary>The dense matrix scipy wrote beside a fixture (%.17g, so exact).</summary>
    public static Matrix Expected(string csv) => MatrixFile.Read(Path(csv)).Values;

    /// <summary>Checks the CSR invariants scipy calls canonical: sorted, unique column indices within each row.</summary>
    public static void Canonical(CsrMatrix m)
    {
        for (int i = 0; i < m.Rows; i++)
            for (long p = m.RowOffsets[i] + 1; p < m.RowOffsets[i + 1]; p++)
                Assert.True(m.ColumnIndices[p - 1] < m.ColumnIndices[p], $"row {i} is not sorted");
    }

    public static (string, string, long[], byte[]) Ints(string name, params long[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int k = 0; k < values.Length; k++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(k * 8), values[k]);
        return (name, "<i8", [values.Length], bytes);
    }

    public static (string, string, long[], byte[]) Doubles(string name, params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int k = 0; k < values.Length; k++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(k * 8), values[k]);
        return (name, "<f8", [values.Length], bytes);
    }

    public static (string, string, long[], byte[]) Format(string kind) => ("format", $"|S{kind.Length}", [], System.Text.Encoding.ASCII.GetBytes(kind));

    /// <summary>A scipy-style csr .npz from raw arrays, valid or not.</summary>
    public static string Csr(TempDirectory dir, string name, long rows, long cols, long[] indptr, long[] indices, double[] data)
    {
        string path = dir.File(name);
        NpzArchive.Write(path, [Ints("indices", indices), Ints("indptr", indptr), Format("csr"), Ints("shape", rows, cols), Doubles("data", data)], compressed: false);
        return path;
    }
}
