using LowRank.Distributed.Mpi;
using LowRank.Distributed.ScaLapack;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>A fact that runs ScaLAPACK under mpirun: skipped, with the install line, when mpirun or Debian's ScaLAPACK on Open MPI is missing.</summary>
public sealed class FactWithScaLapackAttribute : FactAttribute
{
    /// <summary>Where Debian-like systems put the library (multiarch first).</summary>
    private static readonly string[] LibraryDirectories = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"];

    public FactWithScaLapackAttribute() => Skip = SkipReason();

    /// <summary>Why a ScaLAPACK test cannot run here, or null when it can.</summary>
    internal static string? SkipReason()
    {
        if (MpiEnvironment.FindMpirun() is null) return $"mpirun is not installed ({MpiEnvironment.InstallCommand})";
        if (!LibraryDirectories.Any(d => ScaLapackLibrary.FileNames.Any(f => File.Exists(Path.Combine(d, f)))))
            return $"ScaLAPACK is not installed ({ScaLapackSvd.InstallCommand})";
        return null;
    }
}
