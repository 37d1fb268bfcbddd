using System.Runtime.InteropServices;
using LowRank.Linalg.Blocked;

namespace LowRank.IO;

/// <summary>
/// A <see cref="RowStream"/> that can be opened again (a text file, several files stacked by rows) as the row-block source
/// of <see cref="RowBlockOperator"/>: each pass reads the stream front to back, opening it anew when the operator asks
/// for row 0 (the operator asks for its blocks in order). The rows are counted by a first reading when the input does
/// not say how many it has (delimited text). Blocks are float64.
/// </summary>
public sealed class SequentialRowBlocks : IRowBlockSource, IDisposable
{
    private readonly Func<RowStream> _open;
    private RowStream _stream;
    private bool _atStart = true;
    private long _next;

    private SequentialRowBlocks(Func<RowStream> open, RowStream first, int rows, long countingBytes)
    {
        _open = open;
        CountingBytes = countingBytes;
        _stream = first;
        Name = first.Name;
        Rows = rows;
        Cols = first.Cols;
        StoresTranspose = first.StoresTranspose;
    }

    /// <summary>
    /// Opens the input with <paramref name="open"/> and, when it does not announce its rows, counts them by reading it once
    /// (which also checks every line); <paramref name="cancellation"/> is checked between blocks of that reading.
    /// </summary>
    public static SequentialRowBlocks Open(Func<RowStream> open, CancellationToken cancellation = default)
    {
        var stream = open();
        try
        {
            long rows = stream.Rows ?? Count(stream, cancellation), counting = 0;
            if (rows > int.MaxValue) throw InputFile.Error(stream.Name, $"{rows:N0} rows are more than {int.MaxValue:N0}");
            if (stream.Rows is null)
            {
                counting = stream.BytesRead;
                stream.Dispose();
                stream = open();
            }
            return new SequentialRowBlocks(open, stream, (int)rows, counting);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Bytes read by the counting pass of <see cref="Open"/>, 0 when the input announced its rows.</summary>
    public long CountingBytes { get; }

    private static long Count(RowStream stream, CancellationToken cancellation)
    {
        const int rows = 1024;
        var scratch = new double[(long)rows * stream.Cols];
        long total = 0;
        int n;
        while ((n = stream.Read(scratch, rows)) > 0)
        {
            total += n;
            cancellation.ThrowIfCancellationRequested();
        }
        return total;
    }

    /// <summary>The input, as named by the user.</summary>
    public string Name { get; }

    public int Rows { get; }

    public int Cols { get; }

    /// <summary>True when the stream's rows are the matrix's columns.</summary>
    public bool StoresTranspose { get; }

    public BlockElementType ElementType => BlockElementType.Float64;

    public int ResidentBlockRows => 0;

    public ReadOnlySpan<byte> ReadRows(long firstRow, int rowCount, Span<byte> buffer)
    {
        if (firstRow == 0 && !_atStart)
        {
            _stream.Dispose();
            _stream = _open();
            _next = 0;
        }
        _atStart = false;
        if (firstRow != _next) throw new InvalidOperationException($"{Name} is read in order: row {firstRow} asked for after row {_next - 1}");
        var values = MemoryMarshal.Cast<byte, double>(buffer)[..(rowCount * Cols)];
        int done = 0;
        while (done < rowCount)
        {
            int n = _stream.Read(values[(done * Cols)..], rowCount - done);
            if (n == 0) throw InputFile.Error(Name, $"ended at row {firstRow + done:N0} of {Rows:N0}: was it changed while being read?");
            done += n;
        }
        _next = firstRow + rowCount;
        return buffer[..(rowCount * Cols * sizeof(double))];
    }

    public void Dispose() => _stream.Dispose();
}
