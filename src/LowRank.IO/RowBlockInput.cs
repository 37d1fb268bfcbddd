using System.Runtime.InteropServices;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;

namespace LowRank.IO;

/// <summary>
/// The inputs a process of a distributed run reads by row block: a dense <c>.npy</c> (<see cref="NpyRowBlockFile"/>)
/// or a scipy csr <c>.npz</c> (<see cref="SparseNpzRowBlockFile"/>), chosen by the file's kind. Other formats have no
/// row offsets to seek to; they are refused with the way out.
/// </summary>
public static class RowBlockInput
{
    /// <summary>The matrix shape of <paramref name="path"/>, from its header.</summary>
    public static (int Rows, int Cols) Shape(string path) => KindOf(path) switch
    {
        FileKind.Npz => SparseNpzRowBlockFile.Shape(path),
        _ => NpyRowBlockFile.Shape(path),
    };

    /// <summary>
    /// Rows [<paramref name="start"/>, start + <paramref name="count"/>) of <paramref name="path"/>, dense or CSR as stored;
    /// values must be finite. A C-order float64 <c>.npy</c> is held as it lies, in row-major blocks
    /// (<see cref="ResidentRowBlocks"/> behind a <see cref="RowBlockOperator"/>, as one process holds such a file), so that
    /// the mixed-precision passes round contiguous rows rather than strided columns (docs/distributed.md); with
    /// <paramref name="asMatrix"/>, and for other dense files, it is one column-major <see cref="Matrix"/>.
    /// </summary>
    public static ILinearOperator ReadRows(string path, int start, int count, bool asMatrix = false)
    {
        if (KindOf(path) == FileKind.Npz) return SparseNpzRowBlockFile.ReadRows(path, start, count);
        if (!asMatrix && ReadRowMajorBlocks(path, start, count) is { } blocks) return blocks;
        var block = NpyRowBlockFile.ReadRows(path, start, count);
        for (int j = 0; j < block.Cols; j++)
        {
            var column = block.Column(j);
            for (int i = 0; i < column.Length; i++)
                if (!double.IsFinite(column[i])) throw NotFinite(path, start + i, j, column[i]);
        }
        return block;
    }

    /// <summary>The rows as resident row-major blocks when the file is a C-order float64 .npy; else null.</summary>
    private static RowBlockOperator? ReadRowMajorBlocks(string path, int start, int count)
    {
        using var file = NpyRowBlocks.Open(path);
        if (file.StoresTranspose || file.StoredElementType != BlockElementType.Float64) return null;
        MemoryBudget.RequireMatrix(count, file.Cols, $"{path}: rows {start}..{start + count - 1}");
        long rowBytes = (long)file.Cols * sizeof(double);
        var blocks = ResidentRowBlocks.Load(new RowRangeSource(file, start, count), (int)Math.Max(1, BlockPlan.ResidentBlockBytes / rowBytes));
        for (long first = 0; first < count; first += blocks.ResidentBlockRows)
        {
            int rows = (int)Math.Min(blocks.ResidentBlockRows, count - first);
            var values = MemoryMarshal.Cast<byte, double>(blocks.ReadRows(first, rows, default));
            for (int i = 0; i < values.Length; i++)
                if (!double.IsFinite(values[i])) throw NotFinite(path, start + first + i / file.Cols, i % file.Cols, values[i]);
        }
        return new RowBlockOperator(blocks, blocks.ResidentBlockRows);
    }

    private static Exception NotFinite(string path, long row, int column, double value) =>
        InputFile.Error(path, $"row {row}, column {column} is {value}; a distributed SVD needs finite values (missing entries are for 'complete')");

    private static FileKind KindOf(string path)
    {
        if (Directory.Exists(path)) throw InputFile.Error(path, "is a directory, not a file");
        if (!File.Exists(path)) throw InputFile.Error(path, "no such file");
        var kind = FileKinds.Of(path);
        if (kind is not (FileKind.Npy or FileKind.Npz))
            throw InputFile.Error(path, "a distributed run reads .npy (dense) and scipy csr .npz (sparse) files by row blocks; convert this file first (e.g. lowrank's .npy output, or numpy.save / scipy.sparse.save_npz)");
        return kind;
    }
}
