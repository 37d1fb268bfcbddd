using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>A fact that runs only on Linux (signals sent by number through libc, <c>env --default-signal</c>); skipped elsewhere.</summary>
public sealed class FactOnLinuxAttribute : FactAttribute
{
    public FactOnLinuxAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only";
    }
}
