using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LowRank.IO;

/// <summary>
/// The temporary files of <see cref="AtomicFile"/>: <c>.NAME.lowrank-PID-XXXXXXXX.tmp</c> beside the output NAME (hidden,
/// with the writing process's id and 8 random hex digits). An interrupted run deletes its own; one killed outright
/// (SIGKILL, power loss) cannot, so every atomic write first removes, in its folder, the temporaries of this naming
/// whose process no longer runs and that have not been touched for <see cref="StaleAfter"/>.
/// </summary>
public static partial class TemporaryFiles
{
    /// <summary>How long a temporary file must have been left alone before it counts as abandoned.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>A fresh temporary path beside <paramref name="fullPath"/>, owned by this process.</summary>
    public static string For(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath) ?? ".",
            $".{Path.GetFileName(fullPath)}.lowrank-{Environment.ProcessId}-{Random.Shared.Next():x8}.tmp");

    /// <summary>
    /// Deletes the abandoned temporaries in <paramref name="directory"/>: LowRank's naming, older than
    /// <see cref="StaleAfter"/>, and written by a process that is gone. Each is first opened exclusively
    /// (<see cref="FileShare.None"/>, an advisory lock on Unix) and deleted when that handle closes, so a temporary a live
    /// writer still holds open (its process id reused, its clock skewed) is never removed. Best effort; returns how many
    /// were deleted.
    /// </summary>
    public static int RemoveStale(string directory)
    {
        int removed = 0;
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(directory, ".*.lowrank-*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // cleaning up after another run must never fail this one
        }
        foreach (string file in files)
        {
            var match = Naming().Match(Path.GetFileName(file));
            if (!match.Success || !int.TryParse(match.Groups["pid"].Value, out int pid)) continue;
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < StaleAfter || IsRunning(pid)) continue;
                using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
                    removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Held by a writer, or gone already: not ours to remove.
            }
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = Process.GetProcessById(pid); // throws when no process has this id
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\..+\.lowrank-(?<pid>\d+)-[0-9a-f]{8}\.tmp$")]
    private static partial Regex Naming();
}
