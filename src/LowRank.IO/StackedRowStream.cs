namespace LowRank.IO;

/// <summary>
/// Several inputs stacked by rows (part-0.npy, part-1.npy, … or CSV parts): one stream whose rows are the first part's,
/// then the second's, and so on, each part opened when the one before ends. Every part must have the first part's
/// number of columns and store rows (not a Fortran-order .npy or a Matrix Market array).
/// </summary>
public sealed class StackedRowStream : RowStream
{
    private readonly IReadOnlyList<string> _parts;
    private readonly Func<string, RowStream> _open;
    private RowStream _current;
    private int _index;
    private long _bytesBefore;

    /// <summary>Stacks <paramref name="parts"/>, each opened by <paramref name="open"/>; <paramref name="rows"/> is their total when known.</summary>
    public StackedRowStream(string name, IReadOnlyList<string> parts, Func<string, RowStream> open, long? rows)
    {
        if (parts.Count == 0) throw new ArgumentException("no parts", nameof(parts));
        Name = name;
        _parts = parts;
        _open = open;
        Rows = rows;
        _current = OpenPart(0, -1);
        Cols = _current.Cols;
    }

    public override string Name { get; }

    public override int Cols { get; }

    public override long? Rows { get; }

    public override long BytesRead => _bytesBefore + _current.BytesRead;

    public override int Read(Span<double> target, int maxRows)
    {
        while (true)
        {
            int n = _current.Read(target, maxRows);
            if (n > 0 || _index == _parts.Count - 1) return n;
            _bytesBefore += _current.BytesRead;
            _current.Dispose();
            _current = OpenPart(_index + 1, Cols);
        }
    }

    private RowStream OpenPart(int index, int cols)
    {
        _index = index;
        var part = _open(_parts[index]);
        if (part.StoresTranspose || (cols >= 0 && part.Cols != cols))
        {
            string why = part.StoresTranspose
                ? "stores columns (Fortran order or a Matrix Market array), so it cannot be stacked by rows"
                : $"has {part.Cols:N0} columns but {_parts[0]} has {cols:N0}; parts are stacked by rows";
            part.Dispose();
            throw InputFile.Error(_parts[index], why);
        }
        return part;
    }

    public override void Dispose()
    {
        _current.Dispose();
        base.Dispose();
    }
}
