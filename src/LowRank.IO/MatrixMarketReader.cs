using System.Globalization;
using System.Runtime.InteropServices;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>Parses the body of a Matrix Market file (size line and entries) after its banner.</summary>
internal sealed class MatrixMarketReader(string path, TextReader reader)
{
    private int _line = 1;

    /// <summary>The matrix, dense whatever the format (coordinate entries are accumulated into a dense matrix).</summary>
    public Matrix Read() => ReadDense(ReadHeader());

    /// <summary>
    /// A coordinate file as a sparse matrix (entries expanded by symmetry, duplicates summed, pattern entries 1;
    /// dimensions must be positive and values finite); an array file as a dense one, as <see cref="Read"/> gives it.
    /// </summary>
    public MatrixContent ReadAny()
    {
        var size = ReadHeader();
        var (header, rows, cols, entries, sizeLine) = size;
        if (!header.Coordinate) return MatrixContent.FromDense(path, ReadDense(size));
        if (rows < 1 || cols < 1)
            throw InputFile.Error(path, $"line {sizeLine}: a {rows}×{cols} matrix; both dimensions must be positive");
        int capacity = (int)Math.Min(entries, 1 << 24);
        var rowIndex = new List<int>(capacity);
        var colIndex = new List<int>(capacity);
        var values = new List<double>(capacity);
        ReadCoordinate(size, finite: true, (i, j, v) =>
        {
            rowIndex.Add(i);
            colIndex.Add(j);
            values.Add(v);
        });
        RequireEnd(entries, sizeLine);
        var sparse = Linalg.Sparse.CsrMatrix.FromCoordinates(rows, cols,
            CollectionsMarshal.AsSpan(rowIndex), CollectionsMarshal.AsSpan(colIndex), CollectionsMarshal.AsSpan(values));
        return MatrixContent.FromSparse(sparse);
    }

    private (MatrixMarketHeader Header, int Rows, int Cols, long Entries, int SizeLine) _streamed;
    private long _storedRowsDelivered, _entriesRead;
    private (int Row, int Col, double Value)? _pending;

    /// <summary>
    /// Streaming by rows: reads the banner and size line of a general file and returns the stored rows and their length —
    /// for the array format the matrix's columns (stored column by column), for the coordinate format its rows, which
    /// must then be sorted by row. Symmetric and skew-symmetric files (one triangle stored) are refused.
    /// </summary>
    public (int StoredRows, int StoredCols, bool Transposed) BeginRows()
    {
        _streamed = ReadHeader();
        var (header, rows, cols, _, sizeLine) = _streamed;
        if (header.Symmetric || header.SkewSymmetric)
            throw InputFile.Error(path, $"a {header.Symmetry} file lists one triangle; reading by rows needs a general one (or a budget that holds the matrix)");
        if (rows < 1 || cols < 1) throw InputFile.Error(path, $"line {sizeLine}: a {rows}×{cols} matrix; both dimensions must be positive");
        return header.Coordinate ? (rows, cols, false) : (cols, rows, true);
    }

    /// <summary>
    /// Streaming: the next up to <paramref name="maxRows"/> stored rows into <paramref name="target"/>, row-major (zeros
    /// where a coordinate file has no entry); 0 at the end. A coordinate entry of an earlier row than the current one is
    /// refused naming its line (the file is not sorted by row); values must be finite.
    /// </summary>
    public int ReadRows(Span<double> target, int maxRows)
    {
        var (header, rows, cols, entries, sizeLine) = _streamed;
        int storedRows = header.Coordinate ? rows : cols, storedCols = header.Coordinate ? cols : rows;
        int count = (int)Math.Min(maxRows, storedRows - _storedRowsDelivered);
        if (count <= 0)
        {
            if (_entriesRead == entries && _pending is null) RequireEnd(entries, sizeLine);
            return 0;
        }
        var block = target[..(count * storedCols)];
        if (!header.Coordinate)
        {
            for (int k = 0; k < block.Length; k++, _entriesRead++)
            {
                string[] t = NextTokens() ?? throw Truncated(entries, _entriesRead, sizeLine);
                if (t.Length != 1) throw InputFile.Error(path, $"line {_line}: expected one value per line in the array format, found {t.Length}");
                block[k] = ParseFiniteValue(t[0]);
            }
        }
        else
        {
            block.Clear();
            long first = _storedRowsDelivered, end = first + count;
            while (true)
            {
                if (_pending is null)
                {
                    if (_entriesRead == entries) break;
                    string[] t = NextTokens() ?? throw Truncated(entries, _entriesRead, sizeLine);
                    int tokens = header.Pattern ? 2 : 3;
                    if (t.Length != tokens)
                        throw InputFile.Error(path, $"line {_line}: expected {tokens} numbers ({(header.Pattern ? "row column" : "row column value")}), found {t.Length}");
                    int i = ParseIndex(t[0], rows, "row"), j = ParseIndex(t[1], cols, "column");
                    if (i < first)
                        throw InputFile.Error(path, $"line {_line}: row {i + 1} after row {first + 1}; reading by rows needs the entries sorted by row");
                    _pending = (i, j, header.Pattern ? 1.0 : ParseFiniteValue(t[2]));
                    _entriesRead++;
                }
                var (row, col, value) = _pending.Value;
                if (row >= end) break;
                block[(int)(row - first) * storedCols + col] += value;
                _pending = null;
            }
        }
        _storedRowsDelivered += count;
        return count;
    }

    /// <summary>Either format into a dense matrix: coordinate entries summed into place, array entries in column order.</summary>
    private Matrix ReadDense((MatrixMarketHeader Header, int Rows, int Cols, long Entries, int SizeLine) size)
    {
        var (header, rows, cols, entries, sizeLine) = size;
        MemoryBudget.RequireMatrix(rows, cols, $"{path}: the matrix");
        var m = new Matrix(rows, cols);
        if (header.Coordinate) ReadCoordinate(size, finite: false, (i, j, v) => m[i, j] += v);
        else ReadArray(header, m, entries, sizeLine);
        RequireEnd(entries, sizeLine);
        return m;
    }

    private (MatrixMarketHeader Header, int Rows, int Cols, long Entries, int SizeLine) ReadHeader()
    {
        var header = MatrixMarketHeader.Parse(path, reader.ReadLine());
        string[] size = NextTokens() ?? throw InputFile.Error(path, "truncated: the size line is missing");
        int sizeLine = _line;
        int expectedTokens = header.Coordinate ? 3 : 2;
        if (size.Length != expectedTokens)
            throw InputFile.Error(path, $"line {_line}: the size line must hold {(header.Coordinate ? "rows, columns and entries" : "rows and columns")}");
        int rows = ParseCount(size[0], "row count"), cols = ParseCount(size[1], "column count");
        if ((header.Symmetric || header.SkewSymmetric) && rows != cols)
            throw InputFile.Error(path, $"line {_line}: a {header.Symmetry} matrix must be square, not {rows}×{cols}");
        long entries = header.Coordinate ? ParseLong(size[2], "entry count") : ArrayEntries(header, rows, cols);
        return (header, rows, cols, entries, sizeLine);
    }

    private void RequireEnd(long entries, int sizeLine)
    {
        if (NextTokens() != null)
            throw InputFile.Error(path, $"line {_line}: more entries than the {entries:N0} announced by the size line (line {sizeLine})");
    }

    /// <summary>
    /// The one loop over coordinate entries: each entry goes to <paramref name="add"/> (0-based row, column, value; pattern
    /// entries are 1), and off the diagonal of a symmetric file also its mirror (v), of a skew-symmetric one (−v).
    /// With <paramref name="finite"/> NaN and infinities are refused (sparse storage), else any number is taken.
    /// </summary>
    private void ReadCoordinate((MatrixMarketHeader Header, int Rows, int Cols, long Entries, int SizeLine) size, bool finite, Action<int, int, double> add)
    {
        var (header, rows, cols, entries, sizeLine) = size;
        int tokens = header.Pattern ? 2 : 3;
        for (long n = 0; n < entries; n++)
        {
            string[] t = NextTokens() ?? throw Truncated(entries, n, sizeLine);
            if (t.Length != tokens)
                throw InputFile.Error(path, $"line {_line}: expected {tokens} numbers ({(header.Pattern ? "row column" : "row column value")}), found {t.Length}");
            int i = ParseIndex(t[0], rows, "row"), j = ParseIndex(t[1], cols, "column");
            double v = header.Pattern ? 1.0 : finite ? ParseFiniteValue(t[2]) : ParseValue(t[2]);
            if (header.SkewSymmetric && i == j)
                throw InputFile.Error(path, $"line {_line}: a skew-symmetric matrix has no diagonal entries");
            add(i, j, v);
            if (i != j && (header.Symmetric || header.SkewSymmetric)) add(j, i, header.SkewSymmetric ? -v : v);
        }
    }

    private void ReadArray(MatrixMarketHeader header, Matrix m, long entries, int sizeLine)
    {
        // Column-major; symmetric files list the lower triangle, skew-symmetric ones the strict lower triangle.
        long n = 0;
        int first = header.SkewSymmetric ? 1 : 0;
        for (int j = 0; j < m.Cols; j++)
        {
            int start = header.Symmetric || header.SkewSymmetric ? j + first : 0;
            for (int i = start; i < m.Rows; i++, n++)
            {
                string[] t = NextTokens() ?? throw Truncated(entries, n, sizeLine);
                if (t.Length != 1) throw InputFile.Error(path, $"line {_line}: expected one value per line in the array format, found {t.Length}");
                double v = ParseValue(t[0]);
                m[i, j] = v;
                if (header.Symmetric) m[j, i] = v;
                if (header.SkewSymmetric) m[j, i] = -v;
            }
        }
    }

    private static long ArrayEntries(MatrixMarketHeader header, int rows, int cols) =>
        header.Symmetric ? (long)rows * (rows + 1) / 2
        : header.SkewSymmetric ? (long)rows * (rows - 1) / 2
        : (long)rows * cols;

    /// <summary>The tokens of the next line that is neither blank nor a % comment, or null at the end of the file.</summary>
    private string[]? NextTokens()
    {
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            _line++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '%') continue;
            return trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        }
        return null;
    }

    private InvalidInputException Truncated(long expected, long found, int sizeLine) =>
        InputFile.Error(path, $"truncated: the size line (line {sizeLine}) announces {expected:N0} entries "
            + $"but the file ends at line {_line} after {found:N0}");

    private int ParseIndex(string token, int limit, string what)
    {
        if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long index))
            throw InputFile.Error(path, $"line {_line}: {what} index {InputFile.Quote(token)} is not an integer");
        if (index < 1 || index > limit)
            throw InputFile.Error(path, $"line {_line}: {what} index {index} is outside 1..{limit}");
        return (int)index - 1;
    }

    private double ParseValue(string token)
    {
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw InputFile.Error(path, $"line {_line}: {InputFile.Quote(token)} is not a number");
        return v;
    }

    /// <summary>A value that must be finite: NaN, missing markers and every spelling of infinity are refused.</summary>
    private double ParseFiniteValue(string token) => DelimitedCell.Classify(token, out double v) switch
    {
        CellKind.Number => v,
        CellKind.Text => throw InputFile.Error(path, $"line {_line}: {InputFile.Quote(token)} is not a number"),
        _ => throw InputFile.Error(path, $"line {_line}: the value {token} is not a finite number"),
    };

    private int ParseCount(string token, string what)
    {
        long v = ParseLong(token, what);
        if (v > int.MaxValue) throw InputFile.Error(path, $"line {_line}: the {what} {v:N0} is too large for a matrix");
        return (int)v;
    }

    private long ParseLong(string token, string what)
    {
        if (!long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out long v))
            throw InputFile.Error(path, $"line {_line}: the {what} {InputFile.Quote(token)} is not a non-negative integer");
        return v;
    }
}
