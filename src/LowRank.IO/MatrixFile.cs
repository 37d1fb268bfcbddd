using LowRank.Linalg;
using LowRank.Linalg.Sparse;

namespace LowRank.IO;

/// <summary>
/// Reads and writes a matrix in whichever format the file name says: .csv/.tsv/.txt, .npy, .mtx, greyscale images
/// (.png .jpg .jpeg .bmp .webp), IDX (.idx*, *-ubyte, optionally .gz), and the sparse formats: scipy's .npz,
/// svmlight (.svm .svmlight .libsvm) and ratings (.data .dat). <see cref="Read"/> gives every file dense (a sparse
/// one after checking that its dense form fits); <see cref="ReadAny"/> keeps a sparse file sparse.
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
            FileKind.Npz or FileKind.Svmlight or FileKind.Ratings => Densified(path, ReadAny(path, new MatrixReadOptions(Text: text)).Sparse!),
            _ => throw FileKinds.Unsupported(path),
        };
    }

    /// <summary>
    /// Reads a matrix as its file stores it: sparse for a Matrix Market coordinate file, a scipy .npz, an svmlight
    /// file and a ratings file (or a .csv/.tsv/.txt with <see cref="MatrixReadOptions.Ratings"/>); dense, as
    /// <see cref="Read"/> gives it, for everything else.
    /// </summary>
    public static MatrixContent ReadAny(string path, MatrixReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new MatrixReadOptions();
        if (Directory.Exists(path)) throw InputFile.Error(path, "is a directory, not a file");
        if (!File.Exists(path)) throw InputFile.Error(path, "no such file");
        return FileKinds.Of(path) switch
        {
            FileKind.Delimited when options.Ratings => RatingsFile.ReadMatrix(path, options.Text),
            FileKind.MatrixMarket => MatrixMarketFile.ReadAny(path),
            FileKind.Npz => MatrixContent.FromSparse(SparseNpzFile.Read(path)),
            FileKind.Svmlight => SvmlightFile.Read(path, options.ZeroBased),
            FileKind.Ratings => RatingsFile.ReadMatrix(path, options.Text),
            _ => MatrixContent.FromDense(Read(path, options.Text)),
        };
    }

    /// <summary>The dense form of a sparse matrix read from <paramref name="path"/>, after checking that it fits in memory.</summary>
    public static Matrix Densify(string path, CsrMatrix sparse)
    {
        ArgumentNullException.ThrowIfNull(sparse);
        MemoryBudget.RequireMatrix(sparse.Rows, sparse.Cols,
            $"{path}: the dense form of this sparse matrix of {sparse.NonZeros:N0} stored entr{(sparse.NonZeros == 1 ? "y" : "ies")}");
        return sparse.ToDense();
    }

    /// <summary>Writes a sparse matrix as scipy's csr .npz or a Matrix Market coordinate file, as the extension says.</summary>
    public static void Write(string path, CsrMatrix m)
    {
        ArgumentNullException.ThrowIfNull(m);
        switch (FileKinds.Of(path))
        {
            case FileKind.Npz:
                SparseNpzFile.Write(path, m);
                break;
            case FileKind.MatrixMarket:
                MatrixMarketFile.Write(path, m);
                break;
            default:
                throw InputFile.Error(path, "a sparse matrix is written as scipy's .npz or Matrix Market .mtx; choose one of those extensions");
        }
    }

    /// <summary>
    /// Writes a matrix in the format the extension names: .csv, .tsv, .txt (space-separated), .npy (float64),
    /// .mtx (array real general), an image (grey; values rounded and clamped to 0..255, or to 0..65535 as 16-bit grey when
    /// the file is a .png and some value needs more than 8 bits) or IDX
    /// (float64, gzip if .gz). Returns the warnings of <see cref="ImageFile.Write"/> (none for the other formats, which
    /// keep every value).
    /// </summary>
    public static IReadOnlyList<string> Write(string path, Matrix m, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(m);
        switch (FileKinds.Of(path))
        {
            case FileKind.Delimited:
                DelimitedFile.Write(path, m, DelimitedFile.DelimiterFor(path) ?? ' ', cancellationToken);
                break;
            case FileKind.Npy:
                NpyFile.Write(path, m, cancellationToken);
                break;
            case FileKind.MatrixMarket:
                MatrixMarketFile.Write(path, m, cancellationToken: cancellationToken);
                break;
            case FileKind.Image:
                bool sixteen = Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase) && m.Data.Any(v => v >= byte.MaxValue + 0.5);
                return ImageFile.Write(path, new ImageData(m.Cols, m.Rows, [m], null) { BitDepth = sixteen ? 16 : 8 }, cancellationToken);
            case FileKind.Idx:
                IdxFile.Write(path, [m.Rows, m.Cols], m.Transpose().Data, IdxDataType.Double, cancellationToken);
                break;
            case FileKind.Npz or FileKind.Svmlight or FileKind.Ratings:
                throw InputFile.Error(path, "this is a sparse format and the matrix is dense; write it as .npy, .csv or .mtx");
            default:
                throw FileKinds.Unsupported(path);
        }
        return [];
    }

    private static MatrixData Densified(string path, CsrMatrix sparse) => new(Densify(path, sparse), 0, null);

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
    internal static MatrixData Checked(string path, Matrix m)
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
