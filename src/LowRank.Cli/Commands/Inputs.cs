using LowRank.IO;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;

namespace LowRank.Cli.Commands;

/// <summary>
/// A loaded input: one matrix, or one matrix per colour channel of an image, or — for a command that works on sparse
/// matrices — the <see cref="Sparse"/> matrix of a sparse file (then <see cref="Channels"/> is empty).
/// </summary>
internal sealed record LoadedInput(string Path, IReadOnlyList<Matrix> Channels, ImageData? Image)
{
    /// <summary>The matrix of a sparse file kept sparse, or null.</summary>
    public CsrMatrix? Sparse { get; init; }

    /// <summary>A ratings file's user id of each row, or null.</summary>
    public IdMap? RowIds { get; init; }

    /// <summary>A ratings file's item id of each column, or null.</summary>
    public IdMap? ColumnIds { get; init; }

    /// <summary>
    /// Reads a matrix file (a text file as <paramref name="text"/> says) or an image; missing entries are refused with a
    /// pointer to <c>lowrank complete</c>, and the reader's notes go to stderr. A sparse file (.npz, coordinate .mtx,
    /// svmlight, ratings) stays sparse when the command works on sparse matrices (<paramref name="sparseCapable"/>) and
    /// <c>--dense</c> was not given; otherwise it is densified after checking that its dense form fits in memory (a clear
    /// error if not), and a note line says so.
    /// </summary>
    public static LoadedInput Read(CliContext context, string path, TextReadOptions text, InputRequest? request = null, bool sparseCapable = false)
    {
        request ??= InputRequest.Default;
        if (MatrixFile.IsImage(path))
        {
            var image = ImageFile.Read(path);
            return new LoadedInput(path, image.Channels, image);
        }
        MatrixContent content = MatrixFile.ReadAny(path, request.Format with { Text = text });
        if (content.Sparse is CsrMatrix sparse)
        {
            if (sparseCapable && !request.Dense)
                return new LoadedInput(path, [], null) { Sparse = sparse, RowIds = content.RowIds, ColumnIds = content.ColumnIds };
            Matrix dense = MatrixFile.Densify(path, sparse);
            context.Note($"{path}: densified the sparse {sparse.Rows:N0}×{sparse.Cols:N0} matrix ({sparse.NonZeros:N0} stored entries, "
                + $"{sparse.Density:P2} dense) into {MemoryBudget.Format((long)dense.Rows * dense.Cols * sizeof(double))}");
            return new LoadedInput(path, [dense], null) { RowIds = content.RowIds, ColumnIds = content.ColumnIds };
        }
        var data = content.Dense!;
        context.Note(data.Notes);
        if (data.MissingCount > 0)
            throw new InvalidInputException(
                $"{path}: {data.MissingCount} missing entr{(data.MissingCount == 1 ? "y" : "ies")} (first at {data.FirstMissingLocation}); fill them with `lowrank complete` first");
        return new LoadedInput(path, [data.Values], null);
    }

    /// <summary>The single dense matrix of a non-colour input.</summary>
    public Matrix Single(string command)
    {
        if (Sparse is not null)
            throw new InvalidInputException($"{Path}: `{command}` needs the dense matrix of this sparse input; pass --dense");
        return Channels.Count == 1
            ? Channels[0]
            : throw new InvalidInputException($"{Path}: `{command}` works on one matrix and this image has {Channels.Count} colour channels; use `lowrank approx`, which treats each channel");
    }

    /// <summary>
    /// The input as a linear operator, the one call site through which `svd`, `approx` and `pca` get their matrix: the
    /// sparse matrix of a sparse file kept sparse, else the dense matrix of <see cref="Single"/>.
    /// </summary>
    public ILinearOperator Operator(string command) => Sparse is CsrMatrix sparse ? sparse : Single(command);

    /// <summary>
    /// <see cref="CheckOutput"/> for a matrix or image output, which also refuses up front — before any training or
    /// fitting — an extension that no writer handles.
    /// </summary>
    public static void CheckMatrixOutput(string? output, string input)
    {
        CheckOutput(output, input);
        if (output is not null) _ = MatrixFile.IsImage(output); // throws InvalidInputException naming the supported types
    }

    /// <summary>Refuses an output path that is the input itself (inputs are never overwritten).</summary>
    public static void CheckOutput(string? output, string input)
    {
        if (output is null) return;
        if (string.Equals(System.IO.Path.GetFullPath(output), System.IO.Path.GetFullPath(input), StringComparison.Ordinal))
            throw new InvalidInputException($"{output}: refusing to overwrite the input file; choose another output path");
    }
}
