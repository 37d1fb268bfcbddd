namespace LowRank.IO;

/// <summary>
/// Opening an input as a <see cref="RowStream"/>: "-" is standard input (a .npy stream, Matrix Market or delimited text,
/// told apart by its first bytes), a directory is its matrix files stacked by rows in name order, several names are
/// stacked by rows, and a file is read by its kind (.npy, .csv/.tsv/.txt, .mtx).
/// </summary>
public static class RowStreams
{
    /// <summary>The name of standard input on the command line.</summary>
    public const string StandardInput = "-";

    private static readonly string[] PartExtensions = [".npy", ".csv", ".tsv", ".txt", ".mtx"];

    /// <summary>Whether <paramref name="path"/> names a text matrix (CSV/TSV/.txt or Matrix Market) by its extension.</summary>
    public static bool IsText(string path) => FileKinds.Of(path) is FileKind.Delimited or FileKind.MatrixMarket;

    /// <summary>Whether <paramref name="inputs"/> can be opened more than once (everything but standard input).</summary>
    public static bool Rereadable(IReadOnlyList<string> inputs) => !inputs.Contains(StandardInput);

    /// <summary>
    /// The files <paramref name="inputs"/> stand for: a directory becomes its .npy/.csv/.tsv/.txt/.mtx files in ordinal
    /// name order (part-00000.npy, part-00001.npy, …); refuses an empty directory and standard input among several.
    /// </summary>
    public static IReadOnlyList<string> Parts(IReadOnlyList<string> inputs)
    {
        var parts = new List<string>();
        foreach (string input in inputs)
        {
            if (input == StandardInput && inputs.Count > 1) throw new InvalidInputException("standard input ('-') cannot be stacked with other inputs");
            if (!Directory.Exists(input))
            {
                parts.Add(input);
                continue;
            }
            var files = Directory.EnumerateFiles(input)
                .Where(f => PartExtensions.Contains(FileKinds.InnerExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw InputFile.Error(input, $"the directory holds no matrix files ({string.Join(" ", PartExtensions)}) to stack by rows");
            parts.AddRange(files);
        }
        return parts;
    }

    /// <summary>
    /// Opens <paramref name="inputs"/> as one stream (several parts stacked by rows); <paramref name="standardInput"/> gives
    /// standard input for "-".
    /// </summary>
    public static RowStream Open(IReadOnlyList<string> inputs, Func<Stream> standardInput, TextReadOptions? options = null)
    {
        var parts = Parts(inputs);
        if (parts.Count == 1) return OpenOne(parts[0], standardInput, options);
        long? rows = parts.All(p => FileKinds.Of(p) == FileKind.Npy) ? parts.Sum(p => NpyRows(p)) : null;
        return new StackedRowStream(string.Join(" ", inputs), parts, p => OpenOne(p, standardInput, options), rows);
    }

    private static long NpyRows(string path) =>
        NpyRowBlocks.Describe(path) is var (rows, _, _) ? rows : throw InputFile.Error(path, "stacking by rows needs 2-D float64 or float32 .npy parts");

    private static RowStream OpenOne(string path, Func<Stream> standardInput, TextReadOptions? options)
    {
        if (path == StandardInput) return OpenStandardInput(standardInput(), options);
        var kind = FileKinds.Of(path);
        Stream stream = InputFile.OpenMaybeGzip(path);
        return kind switch
        {
            FileKind.Npy => NpyRowStream.Open(path, stream),
            FileKind.MatrixMarket => MatrixMarketRowStream.Open(path, stream),
            FileKind.Delimited => DelimitedRowStream.Open(path, stream, options),
            _ => Refuse(stream, path),
        };
    }

    private static RowStream Refuse(Stream stream, string path)
    {
        stream.Dispose();
        throw InputFile.Error(path, "reading by rows takes .npy, .csv, .tsv, .txt and .mtx files");
    }

    /// <summary>Standard input, its kind told by its first bytes: \x93NUMPY (.npy), %%MatrixMarket, else delimited text.</summary>
    private static RowStream OpenStandardInput(Stream stdin, TextReadOptions? options)
    {
        var prefix = new byte[14];
        int got = InputFile.ReadFully(stdin, prefix);
        Stream whole = new ConcatenatedStream(prefix.AsMemory(0, got), stdin);
        string start = System.Text.Encoding.Latin1.GetString(prefix, 0, got);
        if (start.StartsWith("\x93NUMPY", StringComparison.Ordinal)) return NpyRowStream.Open(StandardInput, whole);
        if (start.StartsWith("%%MatrixMarket", StringComparison.OrdinalIgnoreCase)) return MatrixMarketRowStream.Open(StandardInput, whole);
        return DelimitedRowStream.Open(StandardInput, whole, options);
    }

    /// <summary>Bytes already taken from a stream, then the rest of it.</summary>
    private sealed class ConcatenatedStream(ReadOnlyMemory<byte> head, Stream tail) : Stream
    {
        private ReadOnlyMemory<byte> _head = head;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_head.IsEmpty) return tail.Read(buffer);
            int n = Math.Min(buffer.Length, _head.Length);
            _head.Span[..n].CopyTo(buffer);
            _head = _head[n..];
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) tail.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
