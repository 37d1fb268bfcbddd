using System.Text;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// Matrix Market <c>.mtx</c> files: array or coordinate format, real/integer/pattern fields, general, symmetric or
/// skew-symmetric. Coordinate indices are 1-based; repeated coordinate entries are summed (as SciPy does);
/// pattern entries are 1. Writes "array real general" or "coordinate real general".
/// </summary>
public static class MatrixMarketFile
{
    public static Matrix Read(string path) => InputFile.Guard(path, () =>
    {
        using var reader = new StreamReader(InputFile.OpenMaybeGzip(path), Encoding.UTF8);
        return new MatrixMarketReader(path, reader).Read();
    });

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
