using System.Diagnostics;
using System.Runtime.InteropServices;
using LowRank.IO;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>
/// Issue 19: SIGINT and SIGTERM while <c>lowrank approx</c> writes its output. A real process is signalled as soon as
/// its temporary file appears (the CSV writer then needs seconds for 1.8 million numbers); it must leave neither the
/// temporary file nor the output, exit with 128 + the signal's number and say so in one line.
/// </summary>
public sealed class CliInterruptTests
{
    private const int SigInt = 2, SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [FactOnLinux]
    public async Task An_interrupt_while_writing_leaves_nothing_and_exits_128_plus_the_signal()
    {
        var runs = await Task.WhenAll(Task.Run(() => InterruptWhileWriting(SigInt)), Task.Run(() => InterruptWhileWriting(SigTerm)));
        foreach (var (signal, result, left) in runs)
        {
            Assert.True(128 + signal == result.ExitCode, $"signal {signal}: exit {result.ExitCode}; stderr: {result.Stderr}");
            var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("note: ")).ToArray();
            Assert.Equal(["interrupted; nothing written"], lines);
            Assert.Equal(["in.npy"], left); // no out.csv, no .out.csv.lowrank-….tmp
        }
    }

    private static (int Signal, CliRunner.Result Result, string[] Left) InterruptWhileWriting(int signal)
    {
        using var dir = new TempDirectory();
        var random = new Random(signal);
        var a = new Matrix(1200, 1500);
        for (int k = 0; k < a.Data.Length; k++) a.Data[k] = random.NextDouble();
        NpyFile.Write(dir.File("in.npy"), a);
        using var process = CliRunner.Start(new Dictionary<string, string>(), "approx", dir.File("in.npy"), "--rank", "1", "-o", dir.File("out.csv"), "--json");
        var clock = Stopwatch.StartNew();
        while (!Directory.EnumerateFiles(dir.Path, ".out.csv.*.tmp").Any())
        {
            if (process.HasExited)
            {
                var early = CliRunner.Finish(process);
                Assert.Fail($"lowrank ended (exit {early.ExitCode}) before its temporary file was seen: {early.Stderr}; left {string.Join(", ", dir.FileNames())}");
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no temporary file after 60 s");
            Thread.Sleep(5);
        }
        Assert.Equal(0, kill(process.Id, signal));
        var result = CliRunner.Finish(process);
        return (signal, result, dir.FileNames());
    }
}
