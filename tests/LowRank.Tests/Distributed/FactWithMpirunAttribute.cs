using LowRank.Distributed.Mpi;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>A fact that starts processes with Open MPI's mpirun: skipped, with the reason and the install line, when mpirun is not installed.</summary>
public sealed class FactWithMpirunAttribute : FactAttribute
{
    public FactWithMpirunAttribute()
    {
        if (MpiEnvironment.FindMpirun() is null) Skip = $"mpirun is not installed ({MpiEnvironment.InstallCommand})";
    }
}
