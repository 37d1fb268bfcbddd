using System.CommandLine;
using System.Text;
using LowRank.Distributed;
using LowRank.Distributed.Mpi;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// The frame of every command started by <c>mpirun</c> (<see cref="MpiEnvironment.UnderMpirun"/>): MPI started and
/// finalised, each process reading its row block, failures agreed (<see cref="Agreement"/>) so that bad input on any
/// process stops all of them with one error line from rank 0 and the same exit code, a failure inside the computation
/// (which the other processes cannot wait for) aborting the job with a line naming the rank, and a row-partitioned
/// result written by every process into one .npy that appears only once complete.
/// </summary>
internal static class DistributedRun
{
    /// <summary>Runs <paramref name="execute"/> on this process of the job; <paramref name="command"/> names the options an error message may point to.</summary>
    public static int Run(CliContext context, Command command, Action<ICommunicator> execute)
    {
        using var world = MpiCommunicator.Start();
        int code;
        try
        {
            execute(world);
            code = 0;
        }
        catch (Exception e) when (e is InvalidInputException or FileAccessException or DistributedFailureException)
        {
            // Agreed on every process: rank 0 prints the one line before any process ends (mpirun stops the whole job
            // when the first process exits non-zero, which could cut rank 0 short); the others end silently, same code.
            if (world.Rank == 0)
            {
                context.Error.WriteLine($"error: {LibraryTerms.Describe(e, command).ReplaceLineEndings(" ")}");
                context.Error.Flush();
            }
            code = e is InvalidInputException ? 2 : 1;
        }
        context.Output.Flush();
        world.Barrier();
        return code;
    }

    /// <summary>
    /// This process's rows of <paramref name="path"/>, after <paramref name="check"/> (given m, n and the block) has passed
    /// on every process; failures of either are agreed.
    /// </summary>
    public static (RowBlock Block, ILinearOperator Local, int Rows, int Cols) ReadBlock(ICommunicator world, string path, Action<int, int, RowBlock> check) =>
        Agreement.Run(world, () =>
        {
            var (m, n) = RowBlockInput.Shape(path);
            var block = RowBlock.For(m, world.Rank, world.Size);
            check(m, n, block);
            return (block, RowBlockInput.ReadRows(path, block.Start, block.Count), m, n);
        });

    /// <summary>
    /// The computation, between agreements: a failure here is one process's (out of memory, a numerical breakdown), and
    /// the others may be waiting in a collective, so it prints one line naming the rank and aborts the job.
    /// </summary>
    public static T ComputeOrAbort<T>(CliContext context, Command command, ICommunicator world, Func<T> compute)
    {
        try
        {
            return compute();
        }
        catch (Exception e)
        {
            context.Error.WriteLine($"error: rank {world.Rank}: {LibraryTerms.Describe(e, command)}");
            world.Abort(e is InvalidInputException ? 2 : 1);
            throw;
        }
    }

    /// <summary>
    /// A row-partitioned m×k result into one .npy by ordered writes: rank 0 creates the file with its header and full
    /// length under a temporary name, each process writes <paramref name="localRows"/> at the offset of its block, and
    /// rank 0 renames it once all have succeeded.
    /// </summary>
    public static void WriteRows(CliContext context, ICommunicator world, string path, int totalRows, RowBlock block, Matrix localRows)
    {
        string full = Path.GetFullPath(path);
        string temp = world.Rank == 0 ? TemporaryFiles.For(full) : "";
        Agreement.Run(world, () =>
        {
            if (world.Rank == 0)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                NpyRowBlockFile.Create(temp, totalRows, localRows.Cols);
            }
        });
        temp = BroadcastText(world, temp);
        try
        {
            Agreement.Run(world, () => NpyRowBlockFile.WriteRows(temp, block.Start, localRows));
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
        if (world.Rank == 0) context.Wrote(path);
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
