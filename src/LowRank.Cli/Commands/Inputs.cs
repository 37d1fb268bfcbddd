using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>A loaded input: one matrix, or one matrix per colour channel of an image.</summary>
internal sealed record LoadedInput(string Path, IReadOnlyList<Matrix> Channels, ImageData? Image)
{
    /// <summary>Reads a matrix file or an image; missing entries are refused with a pointer to <c>lowrank complete</c>.</summary>
    public static LoadedInput Read(string path)
    {
        if (MatrixFile.IsImage(path))
        {
            var image = ImageFile.Read(path);
            return new LoadedInput(path, image.Channels, image);
        }
        var data = MatrixFile.Read(path);
        if (data.MissingCount > 0)
            throw new InvalidInputException(
                $"{path}: {data.MissingCount} missing entr{(data.MissingCount == 1 ? "y" : "ies")} (first at {data.FirstMissingLocation}); fill them with `lowrank complete` first");
        return new LoadedInput(path, [data.Values], null);
    }

    /// <summary>The single matrix of a non-colour input.</summary>
    public Matrix Single(string command) => Channels.Count == 1
        ? Channels[0]
        : throw new InvalidInputException($"{Path}: `{command}` works on one matrix and this image has {Channels.Count} colour channels; use `lowrank approx`, which treats each channel");

    /// <summary>
    /// The input as a linear operator, the one call site through which `svd`, `approx` and `pca` get their matrix:
    /// today the dense matrix of <see cref="Single"/>; a sparse file will come back as its sparse matrix.
    /// </summary>
    public ILinearOperator Operator(string command) => Single(command);

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
