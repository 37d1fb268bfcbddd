using System.Buffers.Binary;
using System.Runtime.InteropServices;
using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// numpy <c>.npy</c> files. Reads 0-, 1- (as n×1) and 2-D arrays of float64/32/16, (u)int8/16/32/64 and bool, either
/// byte order, C or Fortran order, format versions 1.0–3.0. Writes version 1.0, '&lt;f8', Fortran order.
/// </summary>
public static class NpyFile
{
    private const int ChunkElements = 1 << 16;

    public static Matrix Read(string path) => InputFile.Guard(path, () =>
    {
        using Stream stream = InputFile.OpenMaybeGzip(path);
        NpyHeader header = NpyHeader.Read(path, stream);
        (int rows, int cols) = MatrixShape(path, header.Shape);
        MemoryBudget.RequireMatrix(rows, cols, $"{path}: the matrix");
        long dataBytes = (long)rows * cols * header.DType.Size;
        if (stream.CanSeek && stream.Length - stream.Position < dataBytes)
            throw Truncated(path, header, dataBytes, stream.Length - stream.Position);
        var matrix = new Matrix(rows, cols);
        ReadData(path, stream, header, matrix);
        return matrix;
    });

    /// <summary>Writes a version 1.0 .npy file holding a float64 array in Fortran order (numpy reads it as is).</summary>
    public static void Write(string path, Matrix m, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(m);
        byte[] header = NpyHeader.Format("<f8", fortranOrder: true, [m.Rows, m.Cols]);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            var buffer = new byte[ChunkElements * sizeof(double)];
            for (int start = 0; start < m.Data.Length; start += ChunkElements)
            {
                ReadOnlySpan<double> chunk = m.Data.AsSpan(start, Math.Min(ChunkElements, m.Data.Length - start));
                if (BitConverter.IsLittleEndian)
                {
                    stream.Write(MemoryMarshal.AsBytes(chunk));
                    continue;
                }
                for (int k = 0; k < chunk.Length; k++)
                    BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(k * sizeof(double)), chunk[k]);
                stream.Write(buffer, 0, chunk.Length * sizeof(double));
            }
        }, cancellationToken);
    }

    /// <summary>Fills rows [firstRow, firstRow + rowCount) of a matrix, row-major, into <paramref name="rowMajor"/>.</summary>
    public delegate void RowBlockFiller(int firstRow, int rowCount, Span<double> rowMajor);

    /// <summary>
    /// Writes an m×n float64 .npy in C order block of rows by block of rows, <paramref name="fill"/> computing each block,
    /// so that only one block of <paramref name="blockRows"/> rows is in memory; atomic (nothing is left behind when
    /// the write fails or is cancelled).
    /// </summary>
    public static void WriteRows(string path, int rows, int cols, int blockRows, RowBlockFiller fill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("block writes of .npy need a little-endian machine");
        blockRows = Math.Max(1, blockRows);
        byte[] header = NpyHeader.Format("<f8", fortranOrder: false, [rows, cols]);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            var block = new double[checked(Math.Min(blockRows, Math.Max(rows, 1)) * cols)];
            for (int first = 0; first < rows; first += blockRows)
            {
                int count = Math.Min(blockRows, rows - first);
                var span = block.AsSpan(0, count * cols);
                fill(first, count, span);
                stream.Write(MemoryMarshal.AsBytes(span));
            }
        }, cancellationToken);
    }

    private static (int Rows, int Cols) MatrixShape(string path, long[] shape)
    {
        if (shape.Length > 2)
            throw InputFile.Error(path, $"a {shape.Length}-D array ({string.Join("×", shape)}) is not a matrix; "
                + $"reshape it to 2-D before saving (e.g. {shape[0]}×{Product(shape.AsSpan(1)):0})");
        long rows = shape.Length == 0 ? 1 : shape[0];
        long cols = shape.Length == 2 ? shape[1] : 1;
        if (rows > int.MaxValue || cols > int.MaxValue)
            throw InputFile.Error(path, $"the array ({string.Join("×", shape)}) is too large for a matrix");
        return ((int)rows, (int)cols);
    }

    private static void ReadData(string path, Stream stream, NpyHeader header, Matrix matrix)
    {
        NpyDType dtype = header.DType;
        int rows = matrix.Rows, cols = matrix.Cols;
        bool columnMajor = header.FortranOrder || rows == 1 || cols == 1;
        if (dtype == new NpyDType('f', 8, false) && BitConverter.IsLittleEndian)
        {
            if (columnMajor) ReadColumnMajorFloat64(path, stream, header, matrix);
            else ReadRowMajorFloat64(path, stream, header, matrix);
            return;
        }
        var buffer = new byte[ChunkElements * dtype.Size];
        long total = (long)rows * cols;
        for (long start = 0; start < total; start += ChunkElements)
        {
            int count = (int)Math.Min(ChunkElements, total - start);
            int got = InputFile.ReadFully(stream, buffer.AsSpan(0, count * dtype.Size));
            if (got < count * dtype.Size)
                throw Truncated(path, header, total * dtype.Size, start * dtype.Size + got);
            for (int k = 0; k < count; k++)
            {
                double value = dtype.Decode(buffer.AsSpan(k * dtype.Size, dtype.Size));
                long index = start + k;
                if (columnMajor) matrix.Data[index] = value;
                else matrix.Data[index / cols + index % cols * rows] = value;
            }
        }
    }

    /// <summary>Elements per read of the float64 fast paths (8 MB).</summary>
    private const int DirectChunkElements = 1 << 20;

    /// <summary>Little-endian float64 in Fortran order: the file's bytes are the column-major storage, read straight into it.</summary>
    private static void ReadColumnMajorFloat64(string path, Stream stream, NpyHeader header, Matrix matrix)
    {
        long total = matrix.Data.LongLength;
        for (long start = 0; start < total; start += DirectChunkElements)
        {
            int count = (int)Math.Min(DirectChunkElements, total - start);
            int got = InputFile.ReadFully(stream, MemoryMarshal.AsBytes(matrix.Data.AsSpan((int)start, count)));
            if (got < count * sizeof(double)) throw Truncated(path, header, total * sizeof(double), start * sizeof(double) + got);
        }
    }

    /// <summary>
    /// Little-endian float64 in C order: blocks of rows read into one small buffer and transposed into the column-major
    /// storage column by column (each column's run of the block is contiguous, the block stays in cache), so the file
    /// is read once in order and the peak is the matrix plus the buffer.
    /// </summary>
    private static void ReadRowMajorFloat64(string path, Stream stream, NpyHeader header, Matrix matrix)
    {
        int rows = matrix.Rows, cols = matrix.Cols;
        int blockRows = Math.Max(1, Math.Min(rows, DirectChunkElements / Math.Max(1, cols) / 4)); // ≤ 2 MB: the block stays in L2/L3
        var buffer = new double[(long)blockRows * cols];
        var data = matrix.Data;
        for (int first = 0; first < rows; first += blockRows)
        {
            int count = Math.Min(blockRows, rows - first);
            var block = buffer.AsSpan(0, count * cols);
            int got = InputFile.ReadFully(stream, MemoryMarshal.AsBytes(block));
            if (got < count * cols * sizeof(double))
                throw Truncated(path, header, (long)rows * cols * sizeof(double), (long)first * cols * sizeof(double) + got);
            for (int j = 0; j < cols; j++)
            {
                var column = data.AsSpan(first + j * rows, count); // rows·cols ≤ Array.MaxLength: no overflow
                for (int i = 0; i < count; i++) column[i] = block[i * cols + j];
            }
        }
    }

    private static InvalidInputException Truncated(string path, NpyHeader header, long expected, long actual) =>
        InputFile.Error(path, $"truncated: header says {string.Join("×", header.Shape)} {header.DType.Name} "
            + $"({expected:N0} bytes of data) but only {actual:N0} bytes follow");

    private static double Product(ReadOnlySpan<long> values)
    {
        double p = 1;
        foreach (long v in values) p *= v;
        return p;
    }
}
