using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.Distributed;
using LowRank.Distributed.Mpi;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank svd</c> started by <c>mpirun</c> (<see cref="MpiEnvironment.UnderMpirun"/>): every process reads its row
/// block of the input, the randomized SVD (<see cref="DistributedRandomizedSvd"/>) or, with --method lanczos, the Lanczos
/// bidiagonalisation (<see cref="DistributedLanczosSvd"/>) runs distributed (with --method exact, ScaLAPACK:
/// <see cref="DistributedExactSvdRun"/>), rank 0 prints the
/// report and writes S and V, and every process writes its rows of U into one .npy — in the frame of
/// <see cref="DistributedRun"/>: failures agreed at the end of reading and of writing (bad input on any process stops
/// all of them with one error line from rank 0 and the same exit code), a failure inside the computation aborting the
/// job with a line naming the rank, and U appearing only once every process has written its rows.
/// </summary>
internal static class DistributedSvdRun
{
    /// <summary>What the svd command asks of a distributed run.</summary>
    public sealed record Request(string Path, int? Rank, string? Method, RandomizedSvdOptions Options, bool Vectors,
        string? UPath, string? SPath, string? VPath, bool Json, int Repeats, bool Dense)
    {
        /// <summary>The options of <c>--method lanczos</c> (tolerance and seed).</summary>
        public LanczosOptions Lanczos { get; init; } = new();

        /// <summary>Whether the Lanczos bidiagonalisation runs (<see cref="DistributedLanczosSvd"/>) rather than the randomized SVD.</summary>
        public bool IsLanczos => Method == "lanczos";

        /// <summary>The block size of the exact (ScaLAPACK) path's block-cyclic layout, when <c>--block-size</c> was given.</summary>
        public int? BlockSize { get; init; }

        /// <summary>The exact path's bidiagonal SVD (<c>--driver qr|dc</c>), when given.</summary>
        public string? Driver { get; init; }
    }

    /// <summary>Runs <paramref name="request"/> on this process; <paramref name="command"/> names the options an error message may point to.</summary>
    public static int Run(CliContext context, Request request, Command command) =>
        DistributedRun.Run(context, command, world =>
        {
            if (request.Method == "exact") DistributedExactSvdRun.Execute(context, request, command, world);
            else Execute(context, request, command, world);
        });

    private static void Execute(CliContext context, Request request, Command command, ICommunicator world)
    {
        var backend = context.Backend;
        var clock = Stopwatch.StartNew();
        var (block, local, rows, cols) = DistributedRun.ReadBlock(world, request.Path, (m, n, rowBlock) =>
        {
            Check(request);
            int k = request.Rank ?? throw new InvalidInputException("a distributed svd needs --rank k (the randomized and lanczos methods compute the leading k triplets), or --method exact");
            if (request.IsLanczos) DistributedLanczosSvd.Validate(m, n, rowBlock, k, request.Lanczos);
            else DistributedRandomizedSvd.Validate(m, n, rowBlock, k, request.Options);
        });
        double readSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var metered = new MeteredCommunicator(world);
        var products = new MeteredOperator(local);
        var svd = DistributedRun.ComputeOrAbort(context, command, world, () => request.IsLanczos
            ? DistributedLanczosSvd.Compute(products, block, rows, request.Rank!.Value, request.Lanczos, metered, backend)
            : DistributedRandomizedSvd.Compute(products, block, rows, request.Rank!.Value, request.Options, metered, backend, computeU: request.UPath is not null));
        double seconds = clock.Elapsed.TotalSeconds;
        var energyTotal = new[] { local.SquaredFrobeniusNorm() };
        world.Allreduce(energyTotal, Reduction.Sum);
        var energy = SpectrumEnergy.Of(svd.S, energyTotal[0]);

        WriteOutputs(context, request, svd, world);
        if (world.Rank != 0) return;
        context.Note(svd.PrecisionNote);
        string method = request.IsLanczos ? "lanczos" : "randomized";
        if (svd.Converged == false)
            context.Error.WriteLine($"warning: {method} stopped after {svd.Iterations} restarts before every residual met the tolerance; the largest singular values may be inaccurate (raise --tol)");
        var report = new
        {
            Rows = rows,
            Cols = cols,
            Method = method,
            Backend = backend.Name,
            Threads = backend.Threads,
            Processes = world.Size,
            SingularValues = svd.S,
            TotalEnergy = energy.Total,
            EnergyShare = energy.Shares,
            CumulativeEnergyShare = energy.Cumulative,
            OperatorProducts = svd.OperatorProducts,
            Iterations = svd.Iterations,
            svd.Residuals,
            svd.Converged,
            Precision = Flags.Name(svd.Precision),
            svd.PrecisionNote,
            Collectives = metered.Calls,
            CollectiveValues = metered.Values,
            SecondsCollectives = metered.Seconds,
            SecondsProducts = products.Seconds,
            SecondsRead = readSeconds,
            Seconds = seconds,
        };
        if (request.Json) JsonReport.Write(context.Output, report);
        else Tables.Svd(context, request.Path, rows, cols, $"{method} ({world.Size} processes)", backend.Name, energy, svd.S, seconds);
    }

    /// <summary>The requests a distributed run does not serve, refused before any work.</summary>
    internal static void Check(Request request)
    {
        if (request.Method is not (null or "auto" or "randomized" or "lanczos" or "exact"))
            throw new InvalidInputException($"--method {request.Method}: a distributed svd runs the randomized, the lanczos or the exact method (ScaLAPACK): use --method randomized, lanczos or exact, or leave it out");
        if (request.BlockSize is not null && request.Method != "exact")
            throw new InvalidInputException("--block-size is for the distributed exact SVD (--method exact)");
        if (request.Driver is not null && request.Method != "exact")
            throw new InvalidInputException("--driver is for the distributed exact SVD (--method exact)");
        if (request.Options.Precision == SketchPrecision.Mixed && request.Method is "lanczos" or "exact")
            throw new InvalidInputException($"--precision mixed is for the randomized SVD, and this run is the {request.Method} one (float64 throughout): drop one of them");
        if (request.Repeats != 1) throw new InvalidInputException("--repeat is not available in a distributed run");
        if (request.Dense) throw new InvalidInputException("--dense is not available in a distributed run (each process keeps its rows as stored)");
        if (request.UPath is not null && !Path.GetExtension(request.UPath).Equals(".npy", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"{request.UPath}: a distributed run writes U as .npy (every process writes its rows in place)");
    }

    /// <summary>U into one .npy by every process (<see cref="DistributedRun.WriteRows"/>); S and V by rank 0 alone.</summary>
    internal static void WriteOutputs(CliContext context, Request request, DistributedSvd svd, ICommunicator world)
    {
        if (request.UPath is string uPath) DistributedRun.WriteRows(context, world, uPath, svd.Rows, svd.Block, svd.LocalU!);
        Agreement.Run(world, () =>
        {
            if (world.Rank != 0) return;
            if (request.SPath is string sPath) context.Write(sPath, () => MatrixFile.Write(sPath, new Matrix(svd.S.Length, 1, (double[])svd.S.Clone()), context.Cancellation));
            if (request.VPath is string vPath) context.Write(vPath, () => MatrixFile.Write(vPath, svd.VT.Transpose(), context.Cancellation));
        });
    }
}
