using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>How to read a command's input file: how to interpret it, and whether <c>--dense</c> asks for its dense form.</summary>
internal sealed record InputRequest(MatrixReadOptions Format, bool Dense)
{
    /// <summary>No options: the format from the file name, a sparse file kept sparse where the command can.</summary>
    public static InputRequest Default { get; } = new(new MatrixReadOptions(), false);
}
