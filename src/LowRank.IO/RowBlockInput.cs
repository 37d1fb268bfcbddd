using LowRank.Linalg;

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

    /// <summary>Rows [<paramref name="start"/>, start + <paramref name="count"/>) of <paramref name="path"/>, dense or CSR as stored; values must be finite.</summary>
    public static ILinearOperator ReadRows(string path, int start, int count)
    {
        if (KindOf(path) == FileKind.Npz) return SparseNpzRowBlockFile.ReadRows(path, start, count);
        var block = NpyRowBlockFile.ReadRows(path, start, count);
        for (int j = 0; j < block.Cols; j++)
        {
            var column = block.Column(j);
            for (int i = 0; i < column.Length; i++)
                if (!double.IsFinite(column[i]))
                    throw InputFile.Error(path, $"row {start + i}, column {j} is {column[i]}; a distributed SVD needs finite values (missing entries are for 'complete')");
        }
        return block;
    }

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
