using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>A theory that runs ScaLAPACK under mpirun, skipped as <see cref="FactWithScaLapackAttribute"/> is.</summary>
public sealed class TheoryWithScaLapackAttribute : TheoryAttribute
{
    public TheoryWithScaLapackAttribute() => Skip = FactWithScaLapackAttribute.SkipReason();
}
