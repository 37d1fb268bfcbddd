using System.Text;

namespace LowRank.IO;

/// <summary>
/// A CSV/TSV/whitespace text matrix read line by line (a file or standard input): the delimiter and a header row are
/// detected as for a whole file (<see cref="DelimitedFile"/>), a row with another number of fields than the first is
/// refused naming its line, and so is a missing entry. The number of rows is not known until the end.
/// </summary>
public sealed class DelimitedRowStream : RowStream
{
    private readonly CountingReader _text;
    private readonly DelimitedReader _reader;

    private DelimitedRowStream(string name, CountingReader text, DelimitedReader reader, int cols)
    {
        Name = name;
        _text = text;
        _reader = reader;
        Cols = cols;
    }

    /// <summary>Starts reading <paramref name="stream"/> (owned from now on) as delimited text; <paramref name="name"/> names it in messages.</summary>
    public static DelimitedRowStream Open(string name, Stream stream, TextReadOptions? options = null)
    {
        var text = new CountingReader(stream);
        try
        {
            var given = options ?? TextReadOptions.Default;
            if (given.Delimiter is null && FileKinds.InnerExtension(name) == ".tsv") given = given with { Delimiter = TextDelimiter.Tab };
            var reader = new DelimitedReader(name, given, DelimitedFile.DelimiterFor(name));
            int cols = InputFile.Guard(name, () => reader.ReadShape(text));
            return new DelimitedRowStream(name, text, reader, cols);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    public override string Name { get; }

    public override int Cols { get; }

    public override long? Rows => null;

    public override long BytesRead => _text.Bytes;

    public override int Read(Span<double> target, int maxRows)
    {
        if (maxRows <= 0) return 0;
        try
        {
            return _reader.ReadRows(_text, maxRows, target);
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

    /// <summary>A UTF-8 line reader that counts the bytes it has taken from the stream.</summary>
    private sealed class CountingReader(Stream stream) : StreamReader(new CountingStream(stream), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16)
    {
        public long Bytes => ((CountingStream)BaseStream).Count;
    }
}
