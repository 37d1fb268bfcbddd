using LowRank.Cli.Commands;
using Xunit;

namespace LowRank.Tests.Distributed;

/// <summary>The mpirun command line <c>lowrank mpi</c> builds: the flags one machine needs, then this program and the command.</summary>
public class MpiLaunchArgumentsTests
{
    [Fact]
    public void OneMachineGetsOversubscriptionSharedMemoryNoBindingYieldingAThreadBudgetAndTheCommandLast()
    {
        var args = MpiCommand.Arguments(4, null, ["svd", "a.npy", "--rank", "5"]);
        Assert.Equal(Environment.UserName == "root", args.Contains("--allow-run-as-root"));
        Assert.Contains("--oversubscribe", args);
        Assert.Equal("none", args[args.IndexOf("--bind-to") + 1]);
        Assert.Equal("self,vader", args[args.IndexOf("btl") + 1]);
        Assert.Equal("1", args[args.IndexOf("mpi_yield_when_idle") + 1]);
        Assert.Equal("--mca", args[args.IndexOf("mpi_yield_when_idle") - 1]);
        Assert.Equal("4", args[args.IndexOf("-n") + 1]);
        if (Environment.GetEnvironmentVariable("LOWRANK_THREADS") is null)
            Assert.Contains($"LOWRANK_THREADS={Math.Max(1, Environment.ProcessorCount / 4)}", args);
        Assert.Contains("TERM=dumb", args);
        Assert.Equal(["svd", "a.npy", "--rank", "5"], args[^4..]);
        Assert.EndsWith("LowRank.Cli.dll", args[^5]);
    }

    [Fact]
    public void AHostfileAddsTcpAndLeavesThreadsAndPollingToTheUser()
    {
        var args = MpiCommand.Arguments(16, "hosts", ["svd", "a.npz", "--rank", "5"]);
        Assert.Equal("hosts", args[args.IndexOf("--hostfile") + 1]);
        Assert.Equal("self,vader,tcp", args[args.IndexOf("btl") + 1]);
        Assert.DoesNotContain(args, a => a.StartsWith("LOWRANK_THREADS=", StringComparison.Ordinal));
        Assert.DoesNotContain("mpi_yield_when_idle", args);
    }

    [Fact]
    public void ThreadsGivenInTheCommandAreNotOverridden()
    {
        var args = MpiCommand.Arguments(2, null, ["svd", "a.npy", "--rank", "5", "--threads", "1"]);
        Assert.DoesNotContain(args, a => a.StartsWith("LOWRANK_THREADS=", StringComparison.Ordinal));
    }
}
