using LowRank.IO;
using Xunit;

namespace LowRank.Tests.IO;

/// <summary>
/// Issue 19: temporaries left by a killed writer (.NAME.lowrank-PID-XXXXXXXX.tmp) are removed by the next atomic write
/// into the same folder once they are older than <see cref="TemporaryFiles.StaleAfter"/> and their process is gone;
/// anything else is left alone.
/// </summary>
public sealed class TemporaryFilesTests : IDisposable
{
    /// <summary>No process has this id: Linux caps ids at 2²², and other systems lower still.</summary>
    private const int GonePid = 2_000_000_000;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_next_write_removes_only_old_temporaries_of_processes_that_are_gone()
    {
        var old = DateTime.UtcNow - TemporaryFiles.StaleAfter - TimeSpan.FromMinutes(1);
        string abandoned = Touch($".out.npy.lowrank-{GonePid}-0123abcd.tmp", old);
        string recent = Touch($".out.npy.lowrank-{GonePid}-89abcdef.tmp", DateTime.UtcNow); // may still be in use
        string running = Touch($".out.npy.lowrank-{Environment.ProcessId}-00000000.tmp", old); // its writer runs
        string foreign = Touch($".out.npy.{Guid.NewGuid():N}.tmp", old); // not LowRank's naming
        string user = Touch($"notes.lowrank-{GonePid}-0123abcd.tmp", old); // not hidden: not ours either

        AtomicFile.Write(_dir.File("other.csv"), s => s.Write("1\n"u8));

        Assert.False(File.Exists(abandoned));
        Assert.All(new[] { recent, running, foreign, user, _dir.File("other.csv") }, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public void A_temporary_that_a_writer_holds_open_is_never_removed()
    {
        // Old and of a gone process by its name (a reused id, a skewed clock), but its writer still has it open
        // exclusively, as AtomicFile's stream does: removing it would lose that writer's output.
        var old = DateTime.UtcNow - TemporaryFiles.StaleAfter - TimeSpan.FromMinutes(1);
        string held = Touch($".out.npy.lowrank-{GonePid}-fedcba98.tmp", old);
        using (new FileStream(held, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            Assert.Equal(0, TemporaryFiles.RemoveStale(_dir.Path));
            Assert.True(File.Exists(held));
        }
        Assert.Equal(1, TemporaryFiles.RemoveStale(_dir.Path));
        Assert.False(File.Exists(held));
    }

    [Fact]
    public void A_temporary_is_named_after_its_output_and_this_process()
    {
        string name = Path.GetFileName(TemporaryFiles.For(_dir.File("out.npy")));
        Assert.Matches($@"^\.out\.npy\.lowrank-{Environment.ProcessId}-[0-9a-f]{{8}}\.tmp$", name);
    }

    private string Touch(string name, DateTime lastWriteUtc)
    {
        string path = _dir.Write(name, "partial");
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
        return path;
    }
}
