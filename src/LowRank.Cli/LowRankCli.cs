using System.CommandLine;
using LowRank.Cli.Commands;
using LowRank.Linalg;

namespace LowRank.Cli;

/// <summary>
/// Builds the command tree and runs it. Exit codes (DESIGN §3): 0 success; 2 bad usage or bad input, with one
/// line "error: ..." on stderr; 1 anything else. A stack trace is printed only with --verbose.
/// </summary>
internal static class LowRankCli
{
    public static readonly Option<int?> Threads = new("--threads")
    {
        Description = "Threads for BLAS/LAPACK (default: LOWRANK_THREADS, else all cores)",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print stack traces on failure",
        Recursive = true,
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        bool interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        var context = new CliContext(output, error, interactive);
        // A plain command named "lowrank" (RootCommand would take the name of the .dll), with help and --version.
        var root = new Command("lowrank", "LowRank: low-rank matrix approximation (truncated and randomized SVD, rank selection, error reports), neural approximators, matrix completion and recommendation");
        root.Options.Add(new System.CommandLine.Help.HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(Threads);
        root.Options.Add(Verbose);
        root.Subcommands.Add(InfoCommand.Create(context));
        root.Subcommands.Add(SvdCommand.Create(context));
        root.Subcommands.Add(ApproxCommand.Create(context));
        root.Subcommands.Add(PcaCommand.Create(context));
        root.Subcommands.Add(ImageCommand.Create(context, args));
        root.Subcommands.Add(NnApproxCommand.Create(context));
        root.Subcommands.Add(SvLearnCommand.Create(context));
        root.Subcommands.Add(ModelCommand.Create(context));
        root.Subcommands.Add(ExperimentCommand.Create(context));
        root.Subcommands.Add(CompleteCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(RecommendCommand.Create(context));
        root.Subcommands.Add(DataCommand.Create(context));
        root.Subcommands.Add(Demo.DemoCommand.Create(context));

        ParseResult parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"error: {OneLine(parsed.Errors[0].Message)}");
            return 2;
        }
        bool verbose = parsed.GetValue(Verbose);
        try
        {
            if (parsed.GetValue(Threads) is int threads)
            {
                if (threads < 1) throw new InvalidInputException($"--threads must be at least 1, not {threads}");
                Backends.Current.Threads = threads;
            }
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
        }
        catch (InvalidInputException e)
        {
            error.WriteLine($"error: {OneLine(e.Message)}");
            if (verbose) error.WriteLine(e);
            return 2;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {OneLine(e.Message)}");
            if (verbose) error.WriteLine(e);
            return 1;
        }
    }

    /// <summary>Messages go on one line: line breaks and the indentation after them become single spaces.</summary>
    private static string OneLine(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message.Trim(), @"\s*[\r\n]+\s*", " ");
}
