using System.CommandLine;
using LowRank.Cli.Output;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary><c>lowrank info</c>: which backend, which library file, how many threads, which version.</summary>
internal static class InfoCommand
{
    public static Command Create(CliContext context)
    {
        var json = Flags.Json();
        var command = new Command("info", "Show the numerical backend, its library file, threads and the version");
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            var backend = context.Backend;
            var report = new
            {
                Backend = backend.Name,
                Library = backend.Library,
                Threads = backend.Threads,
                Version = Flags.Version,
                OpenblasConfig = (backend as OpenBlasBackend)?.Configuration,
                Cores = Environment.ProcessorCount,
                Runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            };
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, report);
            else
            {
                context.Output.WriteLine($"lowrank {report.Version} ({report.Runtime})");
                context.Output.WriteLine($"backend  {report.Backend}");
                context.Output.WriteLine($"library  {report.Library}");
                if (report.OpenblasConfig is string config) context.Output.WriteLine($"build    {config}");
                context.Output.WriteLine($"threads  {report.Threads} of {report.Cores} cores");
            }
            return 0;
        });
        return command;
    }
}
