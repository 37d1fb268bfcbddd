using System.Text.RegularExpressions;

namespace LowRank.Cli.Commands;

/// <summary>
/// mpirun's standard error, passed through line by line except for its boxed notices (text between lines of dashes)
/// about a job that failed: "mpirun noticed that process rank R … exited on signal S" becomes one line naming the
/// rank; the boilerplate that follows an exit code or MPI_Abort (the processes have already printed their own error
/// line) is dropped; any other notice is printed as it came.
/// </summary>
internal sealed partial class MpirunMessages(TextWriter error)
{
    private List<string>? _box;

    /// <summary>One line of mpirun's standard error.</summary>
    public void Line(string line)
    {
        if (Separator().IsMatch(line))
        {
            if (_box is null) _box = [];
            else
            {
                Flush(_box);
                _box = null;
            }
            return;
        }
        if (_box is not null) _box.Add(line);
        else error.WriteLine(line);
    }

    /// <summary>The end of the stream: an unclosed box is printed as it came.</summary>
    public void End()
    {
        if (_box is not null) foreach (string line in _box) error.WriteLine(line);
        _box = null;
    }

    private void Flush(List<string> box)
    {
        string text = string.Join(" ", box);
        var killed = Killed().Match(text);
        if (killed.Success)
        {
            error.WriteLine($"error: rank {killed.Groups["rank"].Value} (on {killed.Groups["node"].Value}) ended on signal {killed.Groups["signal"].Value} "
                + $"({killed.Groups["name"].Value}); mpirun stopped every rank (outputs are renamed into place only after a complete run)");
            return;
        }
        if (Boilerplate().IsMatch(text)) return;
        foreach (string line in box) error.WriteLine(line);
    }

    [GeneratedRegex(@"^-{20,}$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"process rank (?<rank>\d+) with PID \d+ on node (?<node>\S+) exited on signal (?<signal>\d+) \((?<name>[^)]*)\)")]
    private static partial Regex Killed();

    [GeneratedRegex(@"Primary job\s+terminated normally|exited with non-zero status|MPI_ABORT was invoked")]
    private static partial Regex Boilerplate();
}
