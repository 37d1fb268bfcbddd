using LowRank.Distributed;
using LowRank.Distributed.Mpi;

namespace LowRank.Cli.Commands;

/// <summary>
/// The frame of a command started by <c>mpirun</c>: MPI is initialised and finalised around the work, and a failure the
/// processes agreed on (<see cref="Agreement"/>) is printed once, by rank 0, before every process ends with the same
/// exit code (2 for bad input, 1 otherwise).
/// </summary>
internal static class DistributedRun
{
    public static int Run(CliContext context, Action<ICommunicator> execute)
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
                context.Error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
                context.Error.Flush();
            }
            code = e is InvalidInputException ? 2 : 1;
        }
        context.Output.Flush();
        world.Barrier();
        return code;
    }

    /// <summary>
    /// Runs a computation the other processes cannot wait out: a failure in it prints one line naming this rank and
    /// aborts the job (MPI_Abort) — the agreed path needs every process to reach the same point.
    /// </summary>
    public static T Compute<T>(CliContext context, ICommunicator world, Func<T> computation)
    {
        try
        {
            return computation();
        }
        catch (Exception e)
        {
            context.Error.WriteLine($"error: rank {world.Rank}: {e.Message}");
            world.Abort(e is InvalidInputException ? 2 : 1);
            throw;
        }
    }
}
