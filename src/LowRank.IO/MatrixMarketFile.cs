using System.Text;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;

namespace LowRank.IO;

/// <summary>
/// Matrix Market <c>.mtx</c> files: array or coordinate format, real/integer/pattern fields, general, symmetric or
/// skew-symmetric. Coordinate indices are 1-based; repeated coordinate entries are summed (as SciPy does);
/// pattern entries are 1. Writes "array real general" or "coordinate real general". <see cref="Read"/> gives every
/// file dense; <see cref="ReadAny"/> keeps a coordinate file sparse.
/// </summary>
public static class MatrixMarketFile
{
    public static Matrix Read(string path) => InputFile.Guard(path, () =>
    {
        using var reader = new StreamReader(InputFile.OpenMaybeGzip(path), Encoding.UTF8);
        return new MatrixMarketReader(path, reader).Read();
    });

    /// <summary>A coordinate file as a <see cref="CsrMatrix"/>, an array file as a dense matrix.</summary>
    public static MatrixContent ReadAny(string path) => InputFile.Guard(path, () =>
    {
        using var reader = new StreamReader(InputFile.OpenMaybeGzip(path), Encoding.UTF8);
        return new MatrixMarketReader(path, reader).ReadAny();
    });

    /// <summary>Writes a sparse matrix as "coordinate real general", row by row, every stored entry (explicit zeros too).</summary>
    public static void Write(string path, CsrMatrix m)
    {
        ArgumentNullException.ThrowIfNull(m);
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            w.WriteLine("%%MatrixMarket matrix coordinate real general");
            w.WriteLine("% written by LowRank");
            w.WriteLine($"{m.Rows} {m.Cols} {m.NonZeros}");
            for (int i = 0; i < m.Rows; i++)
                for (long p = m.RowOffsets[i]; p < m.RowOffsets[i + 1]; p++)
                    w.WriteLine($"{i + 1} {m.ColumnIndices[p] + 1} {DelimitedCell.Format(m.Values[p])}");
        });
    }

    /// <summary>Writes a dense array file, or with <paramref name="coordinate"/> a coordinate file of the non-zero entries.</summary>
    public static void Write(string path, Matrix m, bool coordinate = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(m);
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            w.WriteLine($"%%MatrixMarket matrix {(coordinate ? "coordinate" : "array")} real general");
            w.WriteLine("% written by LowRank");
            if (!coordinate)
            {
                w.WriteLine($"{m.Rows} {m.Cols}");
                foreach (double x in m.Data) w.WriteLine(DelimitedCell.Format(x));
                return;
            }
            long nonZeros = m.Data.LongCount(x => x != 0);
            w.WriteLine($"{m.Rows} {m.Cols} {nonZeros}");
            for (int j = 0; j < m.Cols; j++)
                for (int i = 0; i < m.Rows; i++)
                    if (m[i, j] != 0) w.WriteLine($"{i + 1} {j + 1} {DelimitedCell.Format(m[i, j])}");
        }, cancellationToken);
    }
}
