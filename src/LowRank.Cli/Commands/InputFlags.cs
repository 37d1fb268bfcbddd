using System.CommandLine;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>
/// The input options of the commands that read a matrix which may be stored sparse (svd, approx, pca):
/// <c>--dense</c>, <c>--ratings</c> and <c>--zero-based</c>, read into one <see cref="InputRequest"/>.
/// </summary>
internal sealed class InputFlags
{
    private readonly Option<bool> _dense = new("--dense")
    {
        Description = "Densify a sparse input (.npz, coordinate .mtx, svmlight, ratings) after checking that it fits in memory",
    };

    private readonly Option<bool> _ratings = new("--ratings")
    {
        Description = "Read a .csv/.tsv/.txt input as 'user item rating' lines: a sparse users × items matrix (.data and .dat files always are)",
    };

    private readonly Option<bool> _zeroBased = new("--zero-based") { Description = "svmlight input: indices count from 0, not 1" };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { _dense, _ratings, _zeroBased }) command.Options.Add(o);
    }

    public InputRequest Read(ParseResult parsed) =>
        new(new MatrixReadOptions(parsed.GetValue(_ratings), parsed.GetValue(_zeroBased)), parsed.GetValue(_dense));
}
