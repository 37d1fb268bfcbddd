using System.Buffers.Binary;
using System.Runtime.InteropServices;
using LowRank.Linalg.Blocked;
using Microsoft.Win32.SafeHandles;

namespace LowRank.IO;

/// <summary>
/// A float64 or float32 <c>.npy</c> file read block of rows by block of rows with positioned reads (no whole-file load),
/// for <see cref="RowBlockOperator"/>. A C-order file's stored rows are the matrix's rows; a Fortran-order file stores
/// the columns one after another, which are the rows of Aᵀ: then <see cref="Rows"/> and <see cref="Cols"/> describe Aᵀ
/// and <see cref="StoresTranspose"/> is true. Values may be converted on reading to the other precision
/// (<c>--dtype</c>); big-endian files are byte-swapped.
/// </summary>
public sealed class NpyRowBlocks : IRowBlockSource, IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly long _dataOffset;
    private readonly NpyDType _stored;
    private byte[]? _conversion;

    private NpyRowBlocks(string path, SafeFileHandle file, long dataOffset, NpyDType stored, int rows, int cols, bool transposed, BlockElementType elementType)
    {
        Path = path;
        _file = file;
        _dataOffset = dataOffset;
        _stored = stored;
        Rows = rows;
        Cols = cols;
        StoresTranspose = transposed;
        ElementType = elementType;
    }

    /// <summary>The file, as the user named it.</summary>
    public string Path { get; }

    public int Rows { get; }

    public int Cols { get; }

    /// <summary>True for a Fortran-order file: the stored rows are the matrix's columns (the source describes Aᵀ).</summary>
    public bool StoresTranspose { get; }

    public BlockElementType ElementType { get; }

    /// <summary>The element type stored in the file.</summary>
    public BlockElementType StoredElementType => _stored.Size == 8 ? BlockElementType.Float64 : BlockElementType.Float32;

    /// <summary>Always 0: blocks are read from the file.</summary>
    public int ResidentBlockRows => 0;

    /// <summary>Bytes of the array's data in the file.</summary>
    public long DataBytes => (long)Rows * Cols * _stored.Size;

    /// <summary>
    /// The shape and element type of a .npy file without reading its data, or null when it is not a 2-D float64/float32
    /// array in a plain (not gzip) file. A header whose shape overflows or a file shorter than its header says is refused.
    /// </summary>
    public static (long Rows, long Cols, BlockElementType ElementType)? Describe(string path) => InputFile.Guard(path, () =>
    {
        using Stream stream = InputFile.OpenMaybeGzip(path);
        if (stream is not FileStream file) return ((long, long, BlockElementType)?)null;
        NpyHeader header = NpyHeader.Read(path, stream);
        if (header.DType.Kind != 'f' || header.DType.Size is not (4 or 8) || header.Shape.Length != 2) return null;
        CheckSize(path, header, file.Length - file.Position);
        return (header.Shape[0], header.Shape[1], header.DType.Size == 8 ? BlockElementType.Float64 : BlockElementType.Float32);
    });

    /// <summary>
    /// Opens a 2-D float64 or float32 .npy file for block reads in <paramref name="elementType"/> (the stored type when
    /// null). Refuses, naming the file: a shape whose byte count overflows, and a file shorter than its header says.
    /// </summary>
    public static NpyRowBlocks Open(string path, BlockElementType? elementType = null) => InputFile.Guard(path, () =>
    {
        NpyHeader header;
        long dataOffset, fileLength;
        using (FileStream stream = InputFile.OpenRead(path))
        {
            header = NpyHeader.Read(path, stream);
            dataOffset = stream.Position;
            fileLength = stream.Length;
        }
        if (header.DType.Kind != 'f' || header.DType.Size is not (4 or 8))
            throw InputFile.Error(path, $"holds {header.DType.Name}; reading block by block needs float64 or float32");
        if (header.Shape.Length != 2)
            throw InputFile.Error(path, $"a {header.Shape.Length}-D array is not a matrix; reading block by block needs a 2-D array");
        CheckSize(path, header, fileLength - dataOffset);
        long rows = header.Shape[0], cols = header.Shape[1];
        bool transposed = header.FortranOrder;
        var stored = header.DType.Size == 8 ? BlockElementType.Float64 : BlockElementType.Float32;
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        return new NpyRowBlocks(path, file, dataOffset, header.DType, (int)(transposed ? cols : rows), (int)(transposed ? rows : cols),
            transposed, elementType ?? stored);
    });

    /// <summary>Refuses a 2-D shape whose byte count overflows, and data shorter than the shape says.</summary>
    private static void CheckSize(string path, NpyHeader header, long dataBytes)
    {
        long rows = header.Shape[0], cols = header.Shape[1];
        decimal bytes = (decimal)rows * cols * header.DType.Size;
        if (rows > int.MaxValue || cols > int.MaxValue || bytes > long.MaxValue)
            throw InputFile.Error(path, $"the shape in the header ({rows}×{cols}) overflows: {bytes:N0} bytes of data cannot be addressed");
        if (dataBytes < bytes)
            throw InputFile.Error(path, $"truncated: header says {rows}×{cols} {header.DType.Name} ({bytes:N0} bytes of data) "
                + $"but only {dataBytes:N0} bytes follow");
    }

    /// <summary>Extra bytes a block of <paramref name="blockRows"/> rows needs when values are converted on reading (the stored block).</summary>
    public long ConversionBytes(int blockRows) => StoredElementType == ElementType ? 0 : (long)blockRows * Cols * _stored.Size;

    /// <summary>Reads the rows with one positioned read (then converts or byte-swaps in place if need be).</summary>
    public ReadOnlySpan<byte> ReadRows(long firstRow, int rowCount, Span<byte> buffer)
    {
        long storedRowBytes = (long)Cols * _stored.Size;
        int storedBytes = checked((int)(rowCount * storedRowBytes));
        bool convert = StoredElementType != ElementType;
        Span<byte> target = convert
            ? (_conversion is { } c && c.Length >= storedBytes ? c : _conversion = GC.AllocateUninitializedArray<byte>(storedBytes)).AsSpan(0, storedBytes)
            : buffer[..storedBytes];
        long offset = _dataOffset + firstRow * storedRowBytes;
        int done = 0;
        while (done < storedBytes)
        {
            int n;
            try
            {
                n = RandomAccess.Read(_file, target[done..], offset + done);
            }
            catch (IOException e)
            {
                throw new FileAccessException(Path, $"cannot read: {e.Message.ReplaceLineEndings(" ")}");
            }
            if (n == 0) throw InputFile.Error(Path, $"truncated: the file ended at byte {offset + done:N0} while reading rows {firstRow:N0}..{firstRow + rowCount - 1:N0} (was it shortened while being read?)");
            done += n;
        }
        if (_stored.BigEndian) SwapBytes(target);
        if (!convert) return target;
        int elements = rowCount * Cols;
        if (ElementType == BlockElementType.Float32)
        {
            ReadOnlySpan<double> from = MemoryMarshal.Cast<byte, double>(target);
            Span<float> to = MemoryMarshal.Cast<byte, float>(buffer)[..elements];
            for (int k = 0; k < elements; k++) to[k] = (float)from[k];
            return buffer[..(elements * sizeof(float))];
        }
        else
        {
            ReadOnlySpan<float> from = MemoryMarshal.Cast<byte, float>(target);
            Span<double> to = MemoryMarshal.Cast<byte, double>(buffer)[..elements];
            for (int k = 0; k < elements; k++) to[k] = from[k];
            return buffer[..(elements * sizeof(double))];
        }
    }

    private void SwapBytes(Span<byte> data)
    {
        if (_stored.Size == 8) BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, long>(data), MemoryMarshal.Cast<byte, long>(data));
        else BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, int>(data), MemoryMarshal.Cast<byte, int>(data));
    }

    public void Dispose() => _file.Dispose();
}
