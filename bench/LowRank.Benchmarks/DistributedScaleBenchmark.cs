using System.Diagnostics;
using LowRank.Completion;
using LowRank.Distributed;
using LowRank.Distributed.Als;
using LowRank.Distributed.Mpi;

/// <summary>
/// The distributed ALS target of docs/distributed.md: every process generates the synthetic set at MovieLens 20M's shape
/// from the seed (SCALE &lt; 1 shrinks users and ratings), keeps its blocks of users and items, and the group fits
/// explicit ALS (k = 64, SWEEPS sweeps) with <see cref="DistributedAls"/>. Started by mpirun (one process without it):
/// <c>mpirun -n P --bind-to core -x DOTNET_PROCESSOR_COUNT=1 dotnet LowRank.Benchmarks.dll scale-mpi [SCALE] [SWEEPS]</c>.
/// Rank 0 prints the fit's wall time, the largest CPU time of a process, the time in collectives and the training RMSE.
/// </summary>
internal static class DistributedScaleBenchmark
{
    private const int Factors = 64;

    public static void Run(string[] args)
    {
        double scale = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1;
        int sweeps = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
        using var mpi = MpiEnvironment.UnderMpirun ? MpiCommunicator.Start() : null;
        ICommunicator world = mpi ?? (ICommunicator)new SingleProcessCommunicator();
        var full = SyntheticShape.MovieLens20M;
        var shape = full with { Users = (int)(full.Users * scale), Interactions = (int)(full.Interactions * scale) };
        var clock = Stopwatch.StartNew();
        var local = LocalRatings.Of(SyntheticFeedback.Generate(shape, seed: 0).ToRatings(), world.Rank, world.Size);
        GC.Collect();
        double generate = clock.Elapsed.TotalSeconds;
        var inCollectives = new CpuMetered(world);
        var metered = new MeteredCommunicator(inCollectives);
        world.Barrier();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        clock.Restart();
        var fit = DistributedAls.Fit(local, new AlsOptions(Rank: Factors, Epochs: sweeps, Tolerance: 0), metered);
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double total = (process.TotalProcessorTime - cpu).TotalSeconds;
        var times = new[] { total, metered.Seconds, seconds, total - inCollectives.Seconds };
        world.Allreduce(times, Reduction.Max);
        if (world.Rank != 0) return;
        Console.WriteLine($"{shape.Users} users × {shape.Items} items, {shape.Interactions} ratings; {world.Size} process(es), "
            + $"{local.UserRatings} + {local.ItemRatings} ratings held by rank 0; generated in {generate:F1} s");
        Console.WriteLine($"distributed als k={Factors} {fit.Trace.Iterations} sweeps: fit {times[2]:F1} s (slowest process), {times[0]:F1} CPU s (largest), "
            + $"{times[1]:F1} s in {metered.Calls} collectives of {metered.Values} values (rank 0); training RMSE {fit.TrainingRmse:R}");
        Console.WriteLine($"CPU outside the collectives (the solves; Open MPI polls inside them): {times[3]:F1} s on the busiest process");
    }

    /// <summary>Another communicator whose collectives add the process CPU time they take (MPI's busy polling while a slower process catches up) to <see cref="Seconds"/>.</summary>
    private sealed class CpuMetered(ICommunicator inner) : ICommunicator
    {
        private readonly ICommunicator _inner = inner;

        public double Seconds { get; private set; }

        public int Rank => _inner.Rank;

        public int Size => _inner.Size;

        public void Allreduce(Span<double> values, Reduction reduction)
        {
            var from = Now();
            _inner.Allreduce(values, reduction);
            Seconds += Now() - from;
        }

        public void Broadcast(Span<byte> buffer, int root) => _inner.Broadcast(buffer, root);

        public void Broadcast(Span<double> buffer, int root) => _inner.Broadcast(buffer, root);

        public double[] AllGather(ReadOnlySpan<double> local)
        {
            var from = Now();
            var all = _inner.AllGather(local);
            Seconds += Now() - from;
            return all;
        }

        public void Barrier() => _inner.Barrier();

        public void Abort(int exitCode) => _inner.Abort(exitCode);

        private static double Now() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }
}
