using System.Buffers.Binary;
using System.Runtime.InteropServices;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// Row ranges of a <c>.npy</c> matrix, read and written in place, for processes that each hold one block of rows: a
/// reader touches only its rows' bytes (one seek and one contiguous read in C order; one seek per column in Fortran
/// order), and a writer fills its rows of a file whose header and length another process set up. Plain (not gzip)
/// files only, since a compressed stream cannot be entered at an offset.
/// </summary>
public static class NpyRowBlockFile
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>The matrix shape stated by the header of <paramref name="path"/>, checked against the file's length.</summary>
    public static (int Rows, int Cols) Shape(string path) => InputFile.Guard(path, () =>
    {
        using FileStream stream = InputFile.OpenRead(path);
        return Open(path, stream).Shape;
    });

    /// <summary>Rows [<paramref name="start"/>, start + <paramref name="count"/>) of the matrix in <paramref name="path"/>, as a count×n matrix.</summary>
    public static Matrix ReadRows(string path, int start, int count) => InputFile.Guard(path, () =>
    {
        using FileStream stream = InputFile.OpenRead(path);
        var (header, (rows, cols), dataStart) = Open(path, stream);
        if (start < 0 || count < 0 || start + (long)count > rows)
            throw new ArgumentOutOfRangeException(nameof(start), $"rows {start}..{start + (long)count - 1} are outside the {rows} rows of {path}");
        MemoryBudget.RequireMatrix(count, cols, $"{path}: rows {start}..{start + count - 1}");
        int size = header.DType.Size;
        var block = new Matrix(count, cols);
        var buffer = new byte[Math.Max(size, Math.Min(ChunkBytes, (long)count * cols * size)) / size * size];
        bool columnMajor = header.FortranOrder || cols == 1;
        if (columnMajor)
            for (int j = 0; j < cols; j++)
                ReadRun(path, stream, dataStart + ((long)j * rows + start) * size, count, header.DType, block.Data.AsSpan(j * count, count), buffer);
        else
        {
            // C order: the block is one run of count·n values, row after row; read it a chunk of whole rows at a time and
            // spread each chunk into the column-major block, so that the peak is the block plus one chunk, not twice it.
            int rowsPerChunk = (int)Math.Clamp(ChunkBytes / ((long)cols * size), 1, Math.Max(1, count));
            var chunk = new double[(long)rowsPerChunk * cols];
            for (int first = 0; first < count; first += rowsPerChunk)
            {
                int n = Math.Min(rowsPerChunk, count - first);
                ReadRun(path, stream, dataStart + (long)(start + first) * cols * size, (long)n * cols, header.DType, chunk.AsSpan(0, n * cols), buffer);
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < cols; j++) block.Data[first + i + (long)j * count] = chunk[(long)i * cols + j];
            }
        }
        return block;
    });

    /// <summary>
    /// Creates <paramref name="path"/> as a float64 C-order .npy of <paramref name="rows"/>×<paramref name="cols"/>
    /// with its full length (zeros), for <see cref="WriteRows"/> to fill. Returns nothing: the caller owns the file.
    /// </summary>
    public static void Create(string path, int rows, int cols)
    {
        try
        {
            byte[] header = NpyHeader.Format("<f8", fortranOrder: false, [rows, cols]);
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(header);
            stream.SetLength(header.Length + (long)rows * cols * sizeof(double));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileAccessException(path, $"cannot write: {e.Message}");
        }
    }

    /// <summary>
    /// Writes <paramref name="block"/> as rows [<paramref name="start"/>, start + block.Rows) of the file made by
    /// <see cref="Create"/> (which several processes may write at once, each its own rows), and flushes it to disk.
    /// </summary>
    public static void WriteRows(string path, int start, Matrix block)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            var (_, (rows, cols), dataStart) = Open(path, stream);
            if (block.Cols != cols || start < 0 || start + (long)block.Rows > rows)
                throw new ArgumentException($"a {block.Rows}×{block.Cols} block at row {start} does not fit the {rows}×{cols} file {path}");
            stream.Position = dataStart + (long)start * cols * sizeof(double);
            var buffer = new byte[Math.Max(1, Math.Min(ChunkBytes / (cols * sizeof(double)), block.Rows)) * cols * sizeof(double)];
            int rowsPerChunk = buffer.Length / (cols * sizeof(double));
            for (int first = 0; first < block.Rows; first += rowsPerChunk)
            {
                int n = Math.Min(rowsPerChunk, block.Rows - first);
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < cols; j++)
                        BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan((i * cols + j) * sizeof(double)), block[first + i, j]);
                stream.Write(buffer, 0, n * cols * sizeof(double));
            }
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileAccessException(path, $"cannot write: {e.Message}");
        }
    }

    private static (NpyHeader Header, (int Rows, int Cols) Shape, long DataStart) Open(string path, FileStream stream)
    {
        if (InputFile.IsGzip(stream))
            throw InputFile.Error(path, "a gzip-compressed .npy cannot be read by row ranges; decompress it (gunzip) first");
        NpyHeader header = NpyHeader.Read(path, stream);
        if (header.Shape.Length != 2)
            throw InputFile.Error(path, $"a {header.Shape.Length}-D array; a distributed run reads 2-D matrices");
        if (header.Shape[0] < 1 || header.Shape[1] < 1 || header.Shape[0] > int.MaxValue || header.Shape[1] > int.MaxValue)
            throw InputFile.Error(path, $"shape {header.Shape[0]}×{header.Shape[1]} is not a matrix LowRank can hold");
        if (header.DType.Kind is not ('f' or 'i' or 'u' or 'b'))
            throw InputFile.Error(path, $"holds {header.DType.Name}; a matrix needs numbers");
        long dataStart = stream.Position;
        long expected = header.Shape[0] * header.Shape[1] * header.DType.Size;
        if (stream.Length - dataStart < expected)
            throw InputFile.Error(path, $"truncated: header says {header.Shape[0]}×{header.Shape[1]} {header.DType.Name} "
                + $"({expected:N0} bytes of data) but only {stream.Length - dataStart:N0} bytes follow");
        return (header, ((int)header.Shape[0], (int)header.Shape[1]), dataStart);
    }

    /// <summary>
    /// Reads <paramref name="count"/> values of <paramref name="dtype"/> starting at byte <paramref name="offset"/> into
    /// <paramref name="target"/>, through <paramref name="buffer"/> (a whole number of values long).
    /// </summary>
    private static void ReadRun(string path, FileStream stream, long offset, long count, NpyDType dtype, Span<double> target, byte[] buffer)
    {
        stream.Position = offset;
        int size = dtype.Size;
        long done = 0;
        while (done < count)
        {
            int n = (int)Math.Min(buffer.Length / size, count - done);
            if (InputFile.ReadFully(stream, buffer.AsSpan(0, n * size)) < n * size) throw InputFile.Error(path, "truncated: the file ends unexpectedly");
            if (BitConverter.IsLittleEndian && dtype is { Kind: 'f', Size: 8, BigEndian: false })
                MemoryMarshal.Cast<byte, double>(buffer.AsSpan(0, n * size)).CopyTo(target.Slice((int)done, n));
            else
                for (int k = 0; k < n; k++) target[(int)done + k] = dtype.Decode(buffer.AsSpan(k * size, size));
            done += n;
        }
    }
}
