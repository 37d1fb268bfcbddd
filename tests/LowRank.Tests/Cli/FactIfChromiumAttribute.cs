using LowRank.Tests.Reports;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>A fact that runs only where a headless Chromium is installed (<c>.ci/run</c> installs Debian's); otherwise it is skipped.</summary>
public sealed class FactIfChromiumAttribute : FactAttribute
{
    public FactIfChromiumAttribute()
    {
        if (HeadlessChromium.Executable is null) Skip = "no Chromium on PATH (apt-get install chromium, or set LOWRANK_CHROMIUM)";
    }
}
