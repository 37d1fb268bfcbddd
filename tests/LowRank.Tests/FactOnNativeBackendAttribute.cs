using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests;

/// <summary>
/// A fact about the native (OpenBLAS) kernels: skipped, and reported as skipped, when the active backend is the
/// managed one (<c>LOWRANK_BACKEND=managed</c>, or no OpenBLAS on the machine).
/// </summary>
public sealed class FactOnNativeBackendAttribute : FactAttribute
{
    public FactOnNativeBackendAttribute()
    {
        if (Backends.Current.Name != "native") Skip = $"the active backend is {Backends.Current.Name}, not native (OpenBLAS)";
    }
}
