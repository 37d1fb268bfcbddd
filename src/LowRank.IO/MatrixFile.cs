using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// Reads and writes a matrix in whichever format the file name says: .csv/.tsv/.txt, .npy, .mtx, greyscale images
/// (.png .jpg .jpeg .bmp .webp) and IDX (.idx*, *-ubyte, optionally .gz).
/// </summary>
public static class MatrixFile
{
    /// <summary>
    /// Reads a matrix. Missing entries (text missing markers, NaN in binary formats) are NaN and counted; infinite
    /// entries are refused. An image must be greyscale (its pixel rows are the matrix rows). An IDX file of N items of
    /// shape r×c becomes N×(r·c), one flattened item per row; a 1-D IDX file becomes N×1. <paramref name="text"/> says
    /// how to read a delimited text file (delimiter, decimal comma); other formats ignore it.
    /// </summary>
    public static MatrixData Read(string path, TextReadOptions? text = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) throw InputFile.Error(path, "is a directory, not a file");
        if (!File.Exists(path)) throw InputFile.Error(path, "no such file");
        return FileKinds.Of(path) switch
        {
            FileKind.Delimited => DelimitedFile.Read(path, text),
            FileKind.Npy => Checked(path, NpyFile.Read(path)),
            FileKind.MatrixMarket => Checked(path, MatrixMarketFile.Read(path)),
            FileKind.Image => new MatrixData(GreyImage(path), 0, null),
            FileKind.Idx => Checked(path, IdxMatrix(path)),
            _ => throw FileKinds.Unsupported(path),
        };
    }

    /// <summary>
    /// Writes a matrix in the format the extension names: .csv, .tsv, .txt (space-separated), .npy (float64),
    /// .mtx (array real general), an image (8-bit grey; values rounded and clamped to 0..255 — a matrix does not say
    /// whether it holds 16-bit pixels, so a 16-bit image keeps its depth only through <see cref="ImageFile.Write"/>) or IDX
    /// (float64, gzip if .gz). Returns the warnings of <see cref="ImageFile.Write"/> (none for the other formats, which
    /// keep every value).
    /// </summary>
    public static IReadOnlyList<string> Write(string path, Matrix m)
    {
        ArgumentNullException.ThrowIfNull(m);
        switch (FileKinds.Of(path))
        {
            case FileKind.Delimited:
                DelimitedFile.Write(path, m, DelimitedFile.DelimiterFor(path) ?? ' ');
                break;
            case FileKind.Npy:
                NpyFile.Write(path, m);
                break;
            case FileKind.MatrixMarket:
                MatrixMarketFile.Write(path, m);
                break;
            case FileKind.Image:
                return ImageFile.Write(path, new ImageData(m.Cols, m.Rows, [m], null));
            case FileKind.Idx:
                IdxFile.Write(path, [m.Rows, m.Cols], m.Transpose().Data, IdxDataType.Double);
                break;
            default:
                throw FileKinds.Unsupported(path);
        }
        return [];
    }

    /// <summary>True when the file name has an image extension (.png .jpg .jpeg .bmp .webp).</summary>
    public static bool IsImage(string path) => FileKinds.Of(path) == FileKind.Image;

    /// <summary>Whether the path names an IDX file (.idx*, *-ubyte, optionally .gz).</summary>
    public static bool IsIdx(string path) => FileKinds.Of(path) == FileKind.Idx;

    private static Matrix GreyImage(string path)
    {
        ImageData image = ImageFile.Read(path);
        if (!image.IsGrey)
            throw InputFile.Error(path, $"is a colour image ({image.Width}×{image.Height}, 3 channels); this command needs a "
                + "greyscale image (convert it to greyscale, or approximate it channel by channel with 'lowrank approx')");
        return image.Channels[0];
    }

    private static Matrix IdxMatrix(string path)
    {
        (int[] dims, double[] values) = IdxFile.Read(path);
        int rows = dims[0];
        long cols = 1;
        foreach (int d in dims.AsSpan(1)) cols *= d;
        if (cols > int.MaxValue) throw InputFile.Error(path, $"items of shape {string.Join("×", dims[1..])} are too large for matrix rows");
        if (dims.Length == 1) return new Matrix(rows, 1, values);
        MemoryBudget.RequireMatrix(rows, cols, $"{path}: the matrix");
        return Matrix.FromRowMajor(rows, (int)cols, values);
    }

    /// <summary>Counts NaN entries as missing (reporting the first in reading order) and refuses infinite ones.</summary>
    private static MatrixData Checked(string path, Matrix m)
    {
        int missing = 0;
        (int Row, int Col)? first = null;
        for (int k = 0; k < m.Data.Length; k++)
        {
            double x = m.Data[k];
            if (double.IsFinite(x)) continue;
            int i = k % m.Rows, j = k / m.Rows;
            if (double.IsInfinity(x))
                throw InputFile.Error(path, $"row {i + 1}, column {j + 1} is infinite; only finite numbers are allowed");
            missing++;
            if (first == null || i < first.Value.Row) first = (i, j);
        }
        return new MatrixData(m, missing, first is { } f ? $"row {f.Row + 1}, column {f.Col + 1}" : null);
    }
}
