using System.Runtime.InteropServices;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// Parses a delimited text file line by line: skips blank and '#' lines, detects a header row, checks that every row
/// has the same number of fields, and turns missing markers into NaN.
/// </summary>
internal sealed class DelimitedReader(string path, char? delimiter)
{
    private readonly List<double> _values = [];
    private readonly List<string> _fields = [];
    private char _delimiter;
    private int _cols = -1;
    private int _firstLine;
    private int _rows;
    private int _missing;
    private string? _firstMissing;
    private bool _sawHeader;

    public MatrixData Read(TextReader reader)
    {
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            ReadOnlySpan<char> trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#') continue;
            AddLine(line, lineNumber);
        }
        if (_cols < 0) throw InputFile.Error(path, "the file is empty");
        if (_rows == 0) throw InputFile.Error(path, $"the file has a header (line {_firstLine}) but no data rows");
        MemoryBudget.RequireMatrix(_rows, _cols, $"{path}: the matrix");
        var matrix = Matrix.FromRowMajor(_rows, _cols, CollectionsMarshal.AsSpan(_values));
        return new MatrixData(matrix, _missing, _firstMissing);
    }

    private void AddLine(string line, int lineNumber)
    {
        bool first = _cols < 0;
        if (first) _delimiter = delimiter ?? DelimitedLine.Detect(line);
        if (!DelimitedLine.Split(line, _delimiter, _fields))
            throw InputFile.Error(path, $"line {lineNumber}: a quoted field is not closed");
        if (first)
        {
            _cols = _fields.Count;
            _firstLine = lineNumber;
            if (LooksLikeHeader()) { _sawHeader = true; return; }
        }
        else if (_fields.Count != _cols)
        {
            throw InputFile.Error(path, $"line {lineNumber} has {_fields.Count} {Plural(_fields.Count)}, "
                + $"line {_firstLine} has {_cols}");
        }
        for (int j = 0; j < _fields.Count; j++)
        {
            string cell = _fields[j];
            switch (DelimitedCell.Classify(cell, out double value))
            {
                case CellKind.Missing:
                    _missing++;
                    _firstMissing ??= $"line {lineNumber}, column {j + 1}";
                    break;
                case CellKind.Infinite:
                    throw InputFile.Error(path, $"line {lineNumber}, column {j + 1}: {InputFile.Quote(cell.Trim())} is infinite; "
                        + "only finite numbers and missing markers (empty, ?, NA, NaN) are allowed");
                case CellKind.Text:
                    throw InputFile.Error(path, $"line {lineNumber}, column {j + 1}: {InputFile.Quote(cell.Trim())} is not a number"
                        + (_sawHeader && _rows == 0 ? " (line " + _firstLine + " was taken as the header)" : ""));
            }
            _values.Add(value);
        }
        _rows++;
    }

    /// <summary>The first row is a header when it has a cell that is neither a number nor a missing marker.</summary>
    private bool LooksLikeHeader()
    {
        foreach (string cell in _fields)
            if (DelimitedCell.Classify(cell, out _) == CellKind.Text) return true;
        return false;
    }

    private static string Plural(int n) => n == 1 ? "field" : "fields";
}
