using System.Diagnostics;
using System.Runtime.InteropServices;
using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>
/// Issue 16: Ctrl-C (SIGINT) during a long out-of-core run — <c>approx -o</c> and <c>svd --out-u</c> on a .npy read block
/// by block under a tiny <c>--memory</c> — is signalled once the run has said how it reads the file (its first note),
/// while it is in its passes: exit 130, one "interrupted" line, and no output or temporary file left.
/// </summary>
public sealed class OutOfCoreInterruptTests
{
    private const int SigInt = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [FactOnLinux]
    public async Task Ctrl_C_during_an_out_of_core_run_leaves_no_output_and_exits_130()
    {
        var runs = await Task.WhenAll(
            Task.Run(() => InterruptDuringPasses("approx", "-o", "out.npy")),
            Task.Run(() => InterruptDuringPasses("svd", "--out-u", "u.npy")));
        foreach (var (command, code, stderr, left) in runs)
        {
            Assert.True(code == 128 + SigInt, $"{command}: exit {code}; stderr: {stderr}");
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("note: ")).ToArray();
            Assert.Equal(["interrupted; nothing written"], lines);
            Assert.Equal(["in.npy"], left); // no output, no .out.npy.lowrank-….tmp
        }
    }

    private static (string Command, int Code, string Stderr, string[] Left) InterruptDuringPasses(string command, string outputFlag, string output)
    {
        using var dir = new TempDirectory();
        var random = new Random(command.Length);
        var a = new Matrix(6000, 1500); // 72 MB, read in blocks of a few dozen rows under --memory 3MB: many seconds of passes
        for (int k = 0; k < a.Data.Length; k++) a.Data[k] = random.NextDouble();
        NpyFile.Write(dir.File("in.npy"), a);
        using var process = CliRunner.Start(new Dictionary<string, string>(), command, dir.File("in.npy"), "--rank", "5",
            "--power-iterations", "30", "--memory", "3MB", outputFlag, dir.File(output));
        var clock = Stopwatch.StartNew();
        var seen = new List<string>();
        string? line;
        while ((line = process.StandardError.ReadLine()) is not null && !line.StartsWith("note: ", StringComparison.Ordinal))
        {
            seen.Add(line);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), "no note after 120 s");
        }
        Assert.True(line is not null, $"{command} ended before its first note: {string.Join(" | ", seen)}");
        Assert.Contains("blocks of", line);
        Assert.False(process.HasExited, $"{command} ended before it could be interrupted");
        Assert.Equal(0, kill(process.Id, SigInt));
        var result = CliRunner.Finish(process);
        return (command, result.ExitCode, string.Join("\n", [.. seen, line, result.Stderr]), dir.FileNames());
    }
}
