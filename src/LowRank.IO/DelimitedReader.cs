using System.Runtime.InteropServices;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// Parses a delimited text file line by line: skips blank and '#' lines, detects the delimiter (unless given) and a
/// header row, checks that every row has the same number of fields, turns missing markers into NaN, and drops a pandas
/// index column (see <see cref="IsPandasIndex"/>).
/// </summary>
/// <param name="path">The file, as named in messages.</param>
/// <param name="options">The delimiter (null: detect) and the decimal separator.</param>
/// <param name="implied">The delimiter the file name implies (.csv comma), used when detection finds none.</param>
internal sealed class DelimitedReader(string path, TextReadOptions options, char? implied)
{
    private readonly List<double> _values = [];
    private readonly List<string> _fields = [];
    private readonly List<(string Line, int Number)> _sample = [];
    private char? _delimiter = options.Delimiter is TextDelimiter d ? TextReadOptions.Character(d) : null;
    private int _cols = -1;
    private int _firstLine;
    private int _rows;
    private int _missing;
    private string? _firstMissing;
    private bool _sawHeader;
    private bool _headerStartsEmpty;
    private int _lineNumber;
    private bool _streaming;

    public MatrixData Read(TextReader reader)
    {
        while (ReadLine(reader)) { }
        RequireRows();
        MemoryBudget.RequireMatrix(_rows, _cols, $"{path}: the matrix");
        var matrix = Matrix.FromRowMajor(_rows, _cols, CollectionsMarshal.AsSpan(_values));
        if (!IsPandasIndex(matrix)) return new MatrixData(matrix, _missing, _firstMissing);
        return new MatrixData(new Matrix(_rows, _cols - 1, matrix.Data[_rows..]), _missing, _firstMissing)
        {
            Notes = [$"{path}: dropped the first column, a pandas index (empty header cell, values 0 to {_rows - 1}); "
                + "the matrix is the remaining columns"],
        };
    }

    /// <summary>
    /// Streaming (row blocks): parses lines until at least <paramref name="rows"/> data rows are held or the text ends,
    /// then moves up to <paramref name="rows"/> of them, row-major, into <paramref name="target"/> (which holds
    /// rows · <see cref="Cols"/> values) and returns how many. A missing entry is refused naming its line: a matrix read
    /// by blocks is never held whole, so missing entries cannot be filled. 0 means the text has ended.
    /// </summary>
    public int ReadRows(TextReader reader, int rows, Span<double> target)
    {
        _streaming = true;
        while (_values.Count < (long)rows * Math.Max(1, _cols) && ReadLine(reader)) { }
        if (_cols < 0) RequireRows();
        int count = Math.Min(rows, _values.Count / _cols);
        CollectionsMarshal.AsSpan(_values)[..(count * _cols)].CopyTo(target);
        _values.RemoveRange(0, count * _cols);
        return count;
    }

    /// <summary>Columns, once the first row has been read (streaming); −1 before.</summary>
    public int Cols => _cols;

    /// <summary>
    /// Streaming: reads lines until the column count is known (the first data row, held for the next <see cref="ReadRows"/>)
    /// and returns it; refuses an empty file.
    /// </summary>
    public int ReadShape(TextReader reader)
    {
        _streaming = true;
        while (_rows == 0 && ReadLine(reader)) { }
        RequireRows();
        if (_headerStartsEmpty)
            throw InputFile.Error(path, $"line {_firstLine}: the header starts with an empty cell, as pandas writes an index column; "
                + "a matrix read by blocks keeps every column, so save it without the index (to_csv(index=False))");
        return _cols;
    }

    /// <summary>Reads and parses (or holds back, until the delimiter is known) the next line; false at the end of the text.</summary>
    private bool ReadLine(TextReader reader)
    {
        string? line = reader.ReadLine();
        if (line is null)
        {
            AddSample();
            return false;
        }
        _lineNumber++;
        ReadOnlySpan<char> trimmed = line.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed[0] == '#') return true;
        if (_delimiter is null)
        {
            _sample.Add((line, _lineNumber));
            if (_sample.Count == DelimiterDetection.SampleLines) AddSample();
            return true;
        }
        AddLine(line, _lineNumber);
        return true;
    }

    private void RequireRows()
    {
        if (_cols < 0) throw InputFile.Error(path, "the file is empty");
        if (_rows == 0) throw InputFile.Error(path, $"the file has a header (line {_firstLine}) but no data rows");
    }

    /// <summary>Detects the delimiter from the lines held back so far, then parses them.</summary>
    private void AddSample()
    {
        if (_delimiter is not null || _sample.Count == 0) return;
        _delimiter = DelimiterDetection.Detect(_sample.ConvertAll(s => s.Line), implied, options.DecimalComma);
        foreach ((string line, int number) in _sample) AddLine(line, number);
        _sample.Clear();
    }

    private void AddLine(string line, int lineNumber)
    {
        char delimiter = _delimiter!.Value;
        bool first = _cols < 0;
        if (first) options.CheckUnambiguous(path, delimiter);
        if (!DelimitedLine.Split(line, delimiter, _fields))
            throw InputFile.Error(path, $"line {lineNumber}: a quoted field is not closed");
        if (first)
        {
            _cols = _fields.Count;
            _firstLine = lineNumber;
            if (LooksLikeHeader())
            {
                _sawHeader = true;
                _headerStartsEmpty = _fields[0].Trim().Length == 0;
                return;
            }
        }
        else if (_fields.Count != _cols)
        {
            throw InputFile.Error(path, $"line {lineNumber} has {_fields.Count} {Plural(_fields.Count)}, "
                + $"line {_firstLine} has {_cols}" + (_cols == 1 ? $" (the delimiter was taken to be {Name(delimiter)})" : ""));
        }
        for (int j = 0; j < _fields.Count; j++)
        {
            string cell = _fields[j];
            switch (DelimitedCell.Classify(cell, out double value, options.DecimalComma))
            {
                case CellKind.Missing:
                    if (_streaming)
                        throw InputFile.Error(path, $"line {lineNumber}, column {j + 1}: a missing entry; a matrix read by blocks needs every entry (fill the gaps with 'complete' first)");
                    _missing++;
                    _firstMissing ??= $"line {lineNumber}, column {j + 1}";
                    break;
                case CellKind.Infinite:
                    throw InputFile.Error(path, $"line {lineNumber}, column {j + 1}: {InputFile.Quote(cell.Trim())} is infinite; "
                        + "only finite numbers and missing markers (empty, ?, NA, NaN) are allowed");
                case CellKind.Text:
                    throw InputFile.Error(path, $"line {lineNumber}, column {j + 1}: {InputFile.Quote(cell.Trim())} is not a number"
                        + (_sawHeader && _rows == 0 ? " (line " + _firstLine + " was taken as the header)" : "")
                        + (!options.DecimalComma && DelimitedCell.LooksLikeDecimalComma(cell.Trim())
                            ? "; it looks like a decimal comma: read the file with --decimal-comma" : "")
                        + (options.DecimalComma && cell.Count(c => c == ',') > 1
                            ? "; with a decimal comma the comma cannot be the delimiter (give --delimiter semicolon, tab or whitespace)" : ""));
            }
            _values.Add(value);
        }
        _rows++;
    }

    /// <summary>
    /// The first row is a header when it has a cell that is neither a number nor a missing marker, or when it is the
    /// header pandas writes for a frame with default column labels: an empty cell, then exactly 0, 1, …, k−1
    /// (<c>pd.DataFrame(array).to_csv()</c>) — read as data, it would become a row of NaN and 0..k−1.
    /// </summary>
    private bool LooksLikeHeader()
    {
        foreach (string cell in _fields)
            if (DelimitedCell.Classify(cell, out _, options.DecimalComma) == CellKind.Text) return true;
        if (_fields.Count < 2 || _fields[0].Trim().Length != 0) return false;
        for (int j = 1; j < _fields.Count; j++)
            if (DelimitedCell.Classify(_fields[j], out double label, options.DecimalComma) != CellKind.Number || label != j - 1) return false;
        return true;
    }

    /// <summary>
    /// The layout pandas' <c>DataFrame.to_csv()</c> writes with its default index: a header whose first cell is empty,
    /// and a first column holding exactly 0, 1, …, n−1. That column is row labels, not data, so it is dropped (and the
    /// drop reported as a note). A first column without the empty header cell, or with other values, is kept.
    /// </summary>
    private bool IsPandasIndex(Matrix matrix)
    {
        if (!_headerStartsEmpty || _cols < 2) return false;
        Span<double> first = matrix.Column(0);
        for (int i = 0; i < first.Length; i++)
            if (first[i] != i) return false;
        return true;
    }

    private static string Name(char delimiter) => delimiter switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        _ => "whitespace",
    };

    private static string Plural(int n) => n == 1 ? "field" : "fields";
}
