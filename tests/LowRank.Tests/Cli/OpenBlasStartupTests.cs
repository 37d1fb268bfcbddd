using LowRank.Cli;
using Xunit;

namespace LowRank.Tests.Cli;

public class OpenBlasStartupTests
{
    [Fact]
    public void The_idle_worker_timeout_is_among_the_defaults()
    {
        Assert.Contains(("OPENBLAS_THREAD_TIMEOUT", "18"), OpenBlasStartup.Defaults);
    }

    [Fact]
    public void A_default_reaches_the_native_environment_and_a_value_already_set_is_kept()
    {
        // A name of this test's own, so that nothing else in the process reads it.
        string name = "LOWRANK_TEST_STARTUP_" + Guid.NewGuid().ToString("N");
        Assert.Null(OpenBlasStartup.NativeValue(name));

        Assert.True(OpenBlasStartup.SetDefault(name, "18"));
        Assert.Equal("18", OpenBlasStartup.NativeValue(name));

        Assert.False(OpenBlasStartup.SetDefault(name, "4"));
        Assert.Equal("18", OpenBlasStartup.NativeValue(name));
    }
}
