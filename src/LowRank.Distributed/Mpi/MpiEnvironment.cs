namespace LowRank.Distributed.Mpi;

/// <summary>What the environment says about MPI: whether this process was started by Open MPI's <c>mpirun</c>, and where <c>mpirun</c> is.</summary>
public static class MpiEnvironment
{
    /// <summary>The variable Open MPI's launcher sets in every process it starts (the number of processes).</summary>
    public const string WorldSizeVariable = "OMPI_COMM_WORLD_SIZE";

    /// <summary>The install command printed when Open MPI is missing.</summary>
    public const string InstallCommand = OpenMpiLibrary.InstallCommand;

    /// <summary>Whether this process was started by <c>mpirun</c> (<see cref="WorldSizeVariable"/> is set).</summary>
    public static bool UnderMpirun => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(WorldSizeVariable));

    /// <summary>The full path of <c>mpirun</c> on the PATH, or null when Open MPI's launcher is not installed.</summary>
    public static string? FindMpirun()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, "mpirun");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
