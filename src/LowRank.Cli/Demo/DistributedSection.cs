using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LowRank.Cli.Commands;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.Distributed.Mpi;
using LowRank.IO;

namespace LowRank.Cli.Demo;

/// <summary>
/// Demo section: the distributed Lanczos bidiagonalisation on Open MPI — <c>lowrank mpi -n P -- svd</c> on the bundled
/// State of the Union term counts, each process reading only its rows of the CSR file, its inner products and Aᵀ
/// products summed by Allreduce — set beside the single-process <see cref="LanczosSvd"/> of the same matrix. Without
/// Open MPI the section says so (with the install line) and is skipped.
/// </summary>
internal sealed class DistributedSection : IDemoSection
{
    private const int Rank = 5;
    private static readonly int[] ProcessCounts = [1, 2];

    public string Key => "distributed";

    public string Title => "distributed SVD on Open MPI";

    public object Run(DemoContext context)
    {
        string path = DemoContext.Sample("sotu-terms.npz");
        string? mpirun = MpiEnvironment.FindMpirun();
        context.Report.AddSection("Distributed SVD on Open MPI",
            "lowrank mpi -n P -- svd starts P processes under Open MPI's mpirun; each reads only its own rows of the file, the Lanczos " +
            "bidiagonalisation sums its inner products, norms and Aᵀ products across them by Allreduce, and rank 0 reports. With the same " +
            "settings the answer is the single-process one to rounding — here on the State of the Union term counts (CSR, 233×10,248).");
        if (mpirun is null)
        {
            context.Report.AddParagraph($"Skipped: Open MPI is not installed on this machine ({MpiEnvironment.InstallCommand}).");
            context.Headline = "skipped: Open MPI (mpirun) is not installed";
            return new { Source = "samples/sotu-terms.npz", Skipped = true };
        }

        var reference = LanczosSvd.Compute(SparseNpzFile.Read(path), Rank, backend: context.Backend).S;
        var runs = ProcessCounts.Select(p => Launch(mpirun, p, path, context.Cancellation)).ToArray();
        double[] deviations = runs.Select(r => r.Values.Zip(reference, (x, y) => Math.Abs(x - y) / reference[0]).Max()).ToArray();
        context.Report.AddTable(["processes", "σ₁ … σ₅", "largest |σ − σ(one process)| / σ₁", "collectives", "time (computation)", "time (whole job)"],
            runs.Select((r, i) => (IReadOnlyList<string>)[
                r.Processes.ToString(CultureInfo.InvariantCulture), string.Join(", ", r.Values.Select(Tables.Number)), Tables.Number(deviations[i]),
                r.Collectives.ToString(CultureInfo.InvariantCulture), Tables.Seconds(r.Seconds), Tables.Seconds(r.WallSeconds)]).ToList(),
            $"Reproduce: lowrank mpi -n 2 -- svd samples/sotu-terms.npz --rank {Rank} --method lanczos --threads 1. The whole job includes " +
            "mpirun and the start of every process; on a matrix this small that, not the arithmetic, is the time (docs/distributed.md has the scaling runs).");
        context.Headline = $"Lanczos on {string.Join(" and ", ProcessCounts)} MPI processes: σ₁…σ₅ equal the single-process values to {Tables.Number(deviations.Max())} of σ₁";
        return new
        {
            Source = "samples/sotu-terms.npz",
            Skipped = false,
            Method = "lanczos",
            Rank,
            SingleProcessValues = reference,
            Runs = runs.Select((r, i) => new { r.Processes, SingularValues = r.Values, MaxRelativeDeviation = deviations[i], r.Collectives, r.Seconds, r.WallSeconds }).ToArray(),
        };
    }

    private sealed record MpiRun(int Processes, double[] Values, long Collectives, double Seconds, double WallSeconds);

    /// <summary>One <c>lowrank mpi -n P -- svd ... --json</c> job with the launcher's own flags; its JSON from stdout.</summary>
    private static MpiRun Launch(string mpirun, int processes, string path, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(mpirun) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] command = ["svd", path, "--rank", Rank.ToString(CultureInfo.InvariantCulture), "--method", "lanczos", "--threads", "1", "--json"];
        foreach (string a in MpiCommand.Arguments(processes, null, command)) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{mpirun} did not start");
        using var kill = cancellation.Register(() => process.Kill(entireProcessTree: true));
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        cancellation.ThrowIfCancellationRequested();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"lowrank mpi -n {processes} failed (exit {process.ExitCode}): {error.Result.Trim().Split('\n')[0]}");
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        return new MpiRun(processes, root.GetProperty("singular_values").EnumerateArray().Select(x => x.GetDouble()).ToArray(),
            root.GetProperty("collectives").GetInt64(), root.GetProperty("seconds").GetDouble(), clock.Elapsed.TotalSeconds);
    }
}
