namespace LowRank.Cli;

/// <summary>Entry point of the <c>lowrank</c> command.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        OpenBlasStartup.Apply();
        using var interrupt = CliInterrupt.Register();
        return LowRankCli.Run(args, Console.Out, Console.Error, interrupt);
    }
}
