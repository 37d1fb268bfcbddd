using LowRank.Cli.Commands;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>mpirun's boxed notices about a failed job become one line, or none when the processes said it already.</summary>
public class MpirunMessagesTests
{
    private const string Dashes = "--------------------------------------------------------------------------";

    private static string Filter(params string[] lines)
    {
        var error = new StringWriter();
        var messages = new MpirunMessages(error);
        foreach (string line in lines) messages.Line(line);
        messages.End();
        return error.ToString();
    }

    [Fact]
    public void AKilledRankBecomesOneErrorLineNamingIt()
    {
        string text = Filter(Dashes, "Primary job  terminated normally, but 1 process returned", "a non-zero exit code. Per user-direction, the job has been aborted.", Dashes,
            Dashes, "mpirun noticed that process rank 1 with PID 0 on node vm exited on signal 9 (Killed).", Dashes);
        Assert.Equal("error: rank 1 (on vm) ended on signal 9 (Killed); mpirun stopped every rank (outputs are renamed into place only after a complete run)",
            text.TrimEnd());
    }

    [Fact]
    public void ProcessLinesPassAndUnknownNoticesAreKept()
    {
        string text = Filter("error: a.npy: row 3 is NaN", Dashes, "Primary job  terminated normally, but 1 process returned", Dashes,
            Dashes, "There are not enough slots available in the system", Dashes);
        Assert.Equal(["error: a.npy: row 3 is NaN", "There are not enough slots available in the system"], text.TrimEnd().Split(Environment.NewLine));
    }
}
