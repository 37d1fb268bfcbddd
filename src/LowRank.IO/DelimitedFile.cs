using System.Text;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// Delimited text matrices: <c>.csv</c>, <c>.tsv</c> (tab) and <c>.txt</c>. The delimiter of .csv and .txt files is
/// detected from their first lines (comma, semicolon, tab or whitespace; see <see cref="DelimiterDetection"/>) unless
/// <see cref="TextReadOptions.Delimiter"/> gives it. One row per line, an optional header row, quoted fields allowed,
/// numbers in the invariant culture (or with a decimal comma, <see cref="TextReadOptions.DecimalComma"/>); empty cells,
/// <c>?</c>, <c>NA</c> and <c>NaN</c> are missing entries. Lines starting with '#' are comments. A pandas index column
/// (empty first header cell, values 0..n−1) is dropped, with a note in <see cref="MatrixData.Notes"/>.
/// </summary>
public static class DelimitedFile
{
    /// <summary>Reads a delimited file (gzip-compressed content is accepted too).</summary>
    public static MatrixData Read(string path, TextReadOptions? options = null) => InputFile.Guard(path, () =>
    {
        using var reader = new StreamReader(InputFile.OpenMaybeGzip(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var given = options ?? TextReadOptions.Default;
        if (given.Delimiter is null && FileKinds.InnerExtension(path) == ".tsv") given = given with { Delimiter = TextDelimiter.Tab };
        return new DelimitedReader(path, given, DelimiterFor(path)).Read(reader);
    });

    /// <summary>
    /// Writes one line per row, entries separated by <paramref name="delimiter"/> (comma, tab, semicolon or space),
    /// each the shortest text that reads back to the same double; NaN is written as "NaN" (a missing entry).
    /// </summary>
    public static void Write(string path, Matrix m, char delimiter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (delimiter is not (',' or '\t' or ';' or ' '))
            throw new ArgumentException($"unsupported delimiter '{delimiter}'; use comma, tab, semicolon or space", nameof(delimiter));
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            for (int i = 0; i < m.Rows; i++)
            {
                for (int j = 0; j < m.Cols; j++)
                {
                    if (j > 0) writer.Write(delimiter);
                    writer.Write(DelimitedCell.Format(m[i, j]));
                }
                writer.WriteLine();
            }
        }, cancellationToken);
    }

    /// <summary>The delimiter implied by the file name, or null to detect it from the content.</summary>
    internal static char? DelimiterFor(string path) => FileKinds.InnerExtension(path) switch
    {
        ".csv" => ',',
        ".tsv" => '\t',
        _ => null,
    };
}
