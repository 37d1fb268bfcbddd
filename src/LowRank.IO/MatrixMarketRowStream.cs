using System.Text;

namespace LowRank.IO;

/// <summary>
/// A general Matrix Market file read by rows without holding it: the array format (stored column by column, so the
/// stream's rows are the matrix's columns, <see cref="RowStream.StoresTranspose"/>) or the coordinate format sorted by
/// row (each block of rows densified as it is read; an entry out of row order is refused naming its line).
/// </summary>
public sealed class MatrixMarketRowStream : RowStream
{
    private readonly CountingStream _counted;
    private readonly StreamReader _text;
    private readonly MatrixMarketReader _reader;
    private readonly int _storedRows, _storedCols;
    private readonly bool _transposed;

    private MatrixMarketRowStream(string name, CountingStream counted, StreamReader text, MatrixMarketReader reader)
    {
        Name = name;
        _counted = counted;
        _text = text;
        _reader = reader;
        (_storedRows, _storedCols, _transposed) = InputFile.Guard(name, reader.BeginRows);
    }

    /// <summary>Starts reading <paramref name="stream"/> (owned from now on) as Matrix Market text.</summary>
    public static MatrixMarketRowStream Open(string name, Stream stream)
    {
        var counted = new CountingStream(stream);
        var text = new StreamReader(counted, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        try
        {
            return new MatrixMarketRowStream(name, counted, text, new MatrixMarketReader(name, text));
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    public override string Name { get; }

    public override int Cols => _storedCols;

    public override long? Rows => _storedRows;

    public override bool StoresTranspose => _transposed;

    public override long BytesRead => _counted.Count;

    public override int Read(Span<double> target, int maxRows)
    {
        try
        {
            return _reader.ReadRows(target, maxRows);
        }
        catch (Exception e) when (InputFile.Described(Name, e) is { } described)
        {
            throw described;
        }
    }

    public override void Dispose()
    {
        _text.Dispose();
        base.Dispose();
    }
}
