using System.CommandLine;
using System.Diagnostics;
using LowRank.Distributed.Mpi;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank mpi [-n P] [--hostfile F] -- svd IN --rank k ...</c>: starts P copies of this <c>lowrank</c> under Open
/// MPI's <c>mpirun</c>, which then take the distributed path (<see cref="DistributedSvdRun"/>). It adds the flags one
/// machine needs — <c>--allow-run-as-root</c> when run as root, <c>--oversubscribe</c> (more processes than cores),
/// <c>--bind-to none</c>, the shared-memory transport (<c>--mca btl self,vader</c>; with a hostfile, TCP as well), and
/// without a hostfile a waiting process yielding its core (<c>--mca mpi_yield_when_idle 1</c>) —
/// and, unless the user chose, one BLAS thread budget per process (cores / P through <c>LOWRANK_THREADS</c>), and TERM=dumb.
/// mpirun's multi-line notices about a failed job become one line (<see cref="MpirunMessages"/>); its exit status is ours.
/// </summary>
internal static class MpiCommand
{
    /// <summary>The commands that have a distributed path.</summary>
    private static readonly string[] Distributed = ["svd", "pca", "fit"];

    public static Command Create(CliContext context)
    {
        var processes = new Option<int>("--processes", "-n", "-np")
        {
            Description = "Number of processes (default: the number of cores)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var hostfile = new Option<string?>("--hostfile") { Description = "Open MPI hostfile naming the machines (the input must be at the same path on every one)" };
        var rest = new Argument<string[]>("command")
        {
            Description = "After --: the lowrank command every process runs (svd, pca, or fit --method als)",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("mpi", "Run a command on several processes with Open MPI (mpirun): distributed randomized or Lanczos SVD, exact SVD by ScaLAPACK, PCA, and the ALS fit");
        command.Options.Add(processes);
        command.Options.Add(hostfile);
        command.Arguments.Add(rest);
        command.SetAction(parsed => Launch(context, parsed.GetValue(processes), parsed.GetValue(hostfile), parsed.GetValue(rest)!));
        return command;
    }

    private static int Launch(CliContext context, int processes, string? hostfile, string[] rest)
    {
        if (MpiEnvironment.UnderMpirun) throw new InvalidInputException("lowrank mpi is already running under mpirun; run the command itself (e.g. lowrank svd ...)");
        if (processes < 1) throw new InvalidInputException($"-n must be at least 1, not {processes}");
        if (!Distributed.Contains(rest[0]))
            throw new InvalidInputException($"'{rest[0]}' has no distributed path; lowrank mpi runs: {string.Join(", ", Distributed)} (write the command after --)");
        if (hostfile is not null && !File.Exists(hostfile)) throw new InvalidInputException($"{hostfile}: no such hostfile");
        string mpirun = MpiEnvironment.FindMpirun()
            ?? throw new InvalidInputException($"mpirun not found: Open MPI is not installed ({MpiEnvironment.InstallCommand})");

        var start = new ProcessStartInfo(mpirun) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in Arguments(processes, hostfile, rest)) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{mpirun} did not start");
        var messages = new MpirunMessages(context.Error);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (context.Output) context.Output.WriteLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (messages) messages.Line(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (messages) messages.End();
        return process.ExitCode;
    }

    /// <summary>mpirun's command line: the single-machine flags, the thread budget, then this program with <paramref name="rest"/>.</summary>
    internal static List<string> Arguments(int processes, string? hostfile, string[] rest)
    {
        var args = new List<string>();
        if (Environment.UserName == "root") args.Add("--allow-run-as-root");
        args.AddRange(["--oversubscribe", "--bind-to", "none", "--mca", "btl", hostfile is null ? "self,vader" : "self,vader,tcp", "-n", processes.ToString()]);
        // On one machine the processes share the cores with whatever else runs there: a process waiting in a collective
        // yields its core between polls instead of spinning, or a busy machine can make fine-grained ScaLAPACK (pdgebrd:
        // several messages per column) 15× slower (docs/distributed.md). Open MPI sets this itself only when it sees more
        // processes than slots; on a cluster's dedicated nodes the default polling keeps the lowest latency.
        if (hostfile is null) args.AddRange(["--mca", "mpi_yield_when_idle", "1"]);
        if (hostfile is not null) args.AddRange(["--hostfile", hostfile]);
        // mpirun gives the processes a pseudo-terminal as stdout; with a real TERM, .NET's console writes the terminal's
        // keypad sequence (ESC[?1h ESC=) there, which would spoil --json output.
        args.AddRange(["-x", "TERM=dumb"]);
        if (hostfile is null && Environment.GetEnvironmentVariable("LOWRANK_THREADS") is null && !rest.Contains("--threads"))
            args.AddRange(["-x", $"LOWRANK_THREADS={Math.Max(1, Environment.ProcessorCount / processes)}"]);
        string self = Environment.ProcessPath ?? "dotnet";
        args.Add(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") args.Add(typeof(MpiCommand).Assembly.Location);
        args.AddRange(rest);
        return args;
    }
}
