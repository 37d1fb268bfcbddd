using System.Diagnostics;
using System.Text;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.Distributed;
using LowRank.Distributed.Mpi;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank svd</c> started by <c>mpirun</c> (<see cref="MpiEnvironment.UnderMpirun"/>): every process reads its row
/// block of the input, the randomized SVD runs distributed (<see cref="DistributedRandomizedSvd"/>), rank 0 prints the
/// report and writes S and V, and every process writes its rows of U into one .npy. Failures are agreed
/// (<see cref="Agreement"/>) at the end of reading and of writing, so bad input on any process stops all of them with
/// one error line from rank 0 and the same exit code; a failure inside the computation, which the other processes
/// cannot wait for, aborts the job (MPI_Abort) with a line naming the rank. Outputs appear only once complete: U goes
/// to a temporary file that rank 0 renames after every process has written its rows.
/// </summary>
internal static class DistributedSvdRun
{
    /// <summary>What the svd command asks of a distributed run.</summary>
    public sealed record Request(string Path, int? Rank, string? Method, RandomizedSvdOptions Options, bool Vectors,
        string? UPath, string? SPath, string? VPath, bool Json, int Repeats, bool Dense);

    public static int Run(CliContext context, Request request) => DistributedRun.Run(context, world => Execute(context, request, world));

    private static void Execute(CliContext context, Request request, ICommunicator world)
    {
        var backend = context.Backend;
        var clock = Stopwatch.StartNew();
        var (block, local, rows, cols) = Agreement.Run(world, () =>
        {
            Check(request);
            var (m, n) = RowBlockInput.Shape(request.Path);
            var rowBlock = RowBlock.For(m, world.Rank, world.Size);
            int k = request.Rank ?? throw new InvalidInputException("a distributed svd needs --rank k (the randomized method computes the leading k triplets)");
            DistributedRandomizedSvd.Validate(m, n, rowBlock, k, request.Options);
            return (rowBlock, RowBlockInput.ReadRows(request.Path, rowBlock.Start, rowBlock.Count), m, n);
        });
        double readSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var metered = new MeteredCommunicator(world);
        var svd = DistributedRun.Compute(context, world,
            () => DistributedRandomizedSvd.Compute(local, block, rows, request.Rank!.Value, request.Options, metered, backend, computeU: request.UPath is not null));
        double seconds = clock.Elapsed.TotalSeconds;
        var energyTotal = new[] { local.SquaredFrobeniusNorm() };
        world.Allreduce(energyTotal, Reduction.Sum);
        var energy = SpectrumEnergy.Of(svd.S, energyTotal[0]);

        WriteOutputs(context, request, svd, world);
        if (world.Rank != 0) return;
        var report = new
        {
            Rows = rows,
            Cols = cols,
            Method = "randomized",
            Backend = backend.Name,
            Threads = backend.Threads,
            Processes = world.Size,
            SingularValues = svd.S,
            TotalEnergy = energy.Total,
            EnergyShare = energy.Shares,
            CumulativeEnergyShare = energy.Cumulative,
            OperatorProducts = svd.OperatorProducts,
            Iterations = svd.Iterations,
            Collectives = metered.Calls,
            CollectiveValues = metered.Values,
            SecondsCollectives = metered.Seconds,
            SecondsRead = readSeconds,
            Seconds = seconds,
        };
        if (request.Json) JsonReport.Write(context.Output, report);
        else Tables.Svd(context, request.Path, rows, cols, $"randomized ({world.Size} processes)", backend.Name, energy, svd.S, seconds);
    }

    /// <summary>The requests a distributed run does not serve, refused before any work.</summary>
    private static void Check(Request request)
    {
        if (request.Method is not (null or "auto" or "randomized"))
            throw new InvalidInputException($"--method {request.Method}: a distributed svd runs the randomized method (use --method randomized or leave it out)");
        if (request.Repeats != 1) throw new InvalidInputException("--repeat is not available in a distributed run");
        if (request.Dense) throw new InvalidInputException("--dense is not available in a distributed run (each process keeps its rows as stored)");
        if (request.UPath is not null && !Path.GetExtension(request.UPath).Equals(".npy", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"{request.UPath}: a distributed run writes U as .npy (every process writes its rows in place)");
    }

    /// <summary>
    /// U into one .npy by ordered writes (rank 0 creates the file with its header and full length, each process writes
    /// its rows at their offset, rank 0 renames it once all have succeeded); S and V by rank 0 alone.
    /// </summary>
    private static void WriteOutputs(CliContext context, Request request, DistributedSvd svd, ICommunicator world)
    {
        if (request.UPath is string uPath)
        {
            string full = Path.GetFullPath(uPath);
            string temp = world.Rank == 0 ? TemporaryFiles.For(full) : "";
            Agreement.Run(world, () =>
            {
                if (world.Rank == 0)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    NpyRowBlockFile.Create(temp, svd.Rows, svd.S.Length);
                }
            });
            temp = BroadcastText(world, temp);
            try
            {
                Agreement.Run(world, () => NpyRowBlockFile.WriteRows(temp, svd.Block.Start, svd.LocalU!));
                Agreement.Run(world, () =>
                {
                    if (world.Rank == 0) File.Move(temp, full, overwrite: true);
                });
            }
            catch when (world.Rank == 0)
            {
                File.Delete(temp);
                throw;
            }
            if (world.Rank == 0) context.Wrote(uPath);
        }
        Agreement.Run(world, () =>
        {
            if (world.Rank != 0) return;
            if (request.SPath is string sPath) context.Write(sPath, () => MatrixFile.Write(sPath, new Matrix(svd.S.Length, 1, (double[])svd.S.Clone()), context.Cancellation));
            if (request.VPath is string vPath) context.Write(vPath, () => MatrixFile.Write(vPath, svd.VT.Transpose(), context.Cancellation));
        });
    }

    private static string BroadcastText(ICommunicator world, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var length = new double[] { bytes.Length };
        world.Broadcast(length, 0);
        if (world.Rank != 0) bytes = new byte[(int)length[0]];
        world.Broadcast(bytes, 0);
        return Encoding.UTF8.GetString(bytes);
    }
}
