using System.Globalization;
using System.Text;
using LowRank.Linalg.Sparse;

namespace LowRank.IO;

/// <summary>
/// svmlight / libsvm text (Joachims' SVMlight; Chang &amp; Lin's LIBSVM): one row per line,
/// <c>label [qid:q] index:value index:value ... [# comment]</c>. Indices are 1-based unless the caller states that the
/// file is zero-based, and strictly increasing within a line as the format requires (scikit-learn's
/// <c>load_svmlight_file</c> refuses unsorted ones too); an absent index is a zero. The matrix has one column per index
/// up to the largest one seen; the labels come back separately, the qid values are ignored.
/// </summary>
public static class SvmlightFile
{
    public static MatrixContent Read(string path, bool zeroBased = false) => InputFile.Guard(path, () =>
    {
        using var reader = new StreamReader(InputFile.OpenMaybeGzip(path), Encoding.UTF8);
        return Parse(path, reader, zeroBased);
    });

    private static MatrixContent Parse(string path, TextReader reader, bool zeroBased)
    {
        var labels = new List<double>();
        var rows = new List<int>();
        var cols = new List<int>();
        var values = new List<double>();
        int first = zeroBased ? 0 : 1, maxColumn = -1, lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            int hash = line.IndexOf('#');
            string[] tokens = (hash >= 0 ? line[..hash] : line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0) continue;
            if (!double.TryParse(tokens[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double label) || !double.IsFinite(label))
                throw InputFile.Error(path, $"line {lineNumber}: the label {InputFile.Quote(tokens[0])} is not a finite number");
            int previous = -1;
            for (int t = 1; t < tokens.Length; t++)
            {
                string token = tokens[t];
                int colon = token.IndexOf(':');
                if (colon <= 0) throw InputFile.Error(path, $"line {lineNumber}: {InputFile.Quote(token)} is not index:value");
                if (t == 1 && token[..colon] == "qid") continue;
                if (!long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out long index))
                    throw InputFile.Error(path, $"line {lineNumber}: the index in {InputFile.Quote(token)} is not a non-negative integer");
                if (index < first)
                    throw InputFile.Error(path, $"line {lineNumber}: index {index} in a {(zeroBased ? "zero" : "one")}-based file"
                        + (zeroBased ? "" : " (if the file counts from 0, read it as zero-based)"));
                if (index - first >= int.MaxValue) throw InputFile.Error(path, $"line {lineNumber}: index {index} is too large");
                int column = (int)(index - first);
                if (column <= previous)
                    throw InputFile.Error(path, $"line {lineNumber}: index {index} follows {previous + first}; indices must increase along a line");
                CellKind kind = DelimitedCell.Classify(token.AsSpan(colon + 1), out double value);
                if (kind == CellKind.Text)
                    throw InputFile.Error(path, $"line {lineNumber}: the value in {InputFile.Quote(token)} is not a number");
                if (kind != CellKind.Number)
                    throw InputFile.Error(path, $"line {lineNumber}: the value of index {index} is {token[(colon + 1)..]}; values must be finite");
                previous = column;
                maxColumn = Math.Max(maxColumn, column);
                rows.Add(labels.Count);
                cols.Add(column);
                values.Add(value);
            }
            labels.Add(label);
        }
        if (labels.Count == 0) throw InputFile.Error(path, "the file has no rows");
        if (maxColumn < 0) throw InputFile.Error(path, "no line has a feature (index:value), so the matrix has no columns");
        var matrix = CsrMatrix.FromCoordinates(labels.Count, maxColumn + 1, rows.ToArray(), cols.ToArray(), values.ToArray());
        return MatrixContent.FromSparse(matrix) with { Labels = [.. labels] };
    }
}
