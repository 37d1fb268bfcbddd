using System.CommandLine;
using LowRank.Cli.Commands;
using LowRank.Linalg;

namespace LowRank.Cli;

/// <summary>
/// Builds the command tree and runs it. Exit codes (docs/architecture.md §3): 0 success; 2 bad usage or bad input, with one
/// line "error: ..." on stderr; 1 anything else, an I/O failure (<see cref="FileAccessException"/>) with one line naming
/// the path; 130 or 143 after SIGINT or SIGTERM (<see cref="CliInterrupt"/>), with one line saying what was written.
/// A failed or interrupted run takes back what it added to its report folders. A stack trace is printed only with --verbose.
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

    public static int Run(string[] args, TextWriter output, TextWriter error, CliInterrupt? interrupt = null, Stream? input = null)
    {
        bool interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        var context = new CliContext(output, error, interactive, interrupt?.Token ?? CancellationToken.None)
        {
            StandardInput = input is null ? global::System.Console.OpenStandardInput : () => input,
        };
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
        root.Subcommands.Add(SketchCommand.Create(context));
        root.Subcommands.Add(ImageCommand.Create(context, args));
        root.Subcommands.Add(NnApproxCommand.Create(context));
        root.Subcommands.Add(SvLearnCommand.Create(context));
        root.Subcommands.Add(ModelCommand.Create(context));
        root.Subcommands.Add(ExperimentCommand.Create(context));
        root.Subcommands.Add(CompleteCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(RecommendCommand.Create(context));
        root.Subcommands.Add(FitCommand.Create(context));
        root.Subcommands.Add(PredictCommand.Create(context));
        root.Subcommands.Add(SimilarCommand.Create(context));
        root.Subcommands.Add(DataCommand.Create(context));
        root.Subcommands.Add(Demo.DemoCommand.Create(context));
        root.Subcommands.Add(MpiCommand.Create(context));

        ParseResult parsed = root.Parse(args.Length == 0 ? ["--help"] : args);
        if ((parsed.Errors.Count > 0 ? ParseErrors.Describe(parsed) ?? OneLine(parsed.Errors[0].Message) : ParseErrors.OptionTakenAsValue(parsed, args)) is string mistake)
        {
            error.WriteLine($"error: {mistake}");
            return 2;
        }
        context.Json = parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--json") is Option<bool> json && parsed.GetValue(json);
        bool verbose = parsed.GetValue(Verbose);
        try
        {
            if (parsed.GetValue(Threads) is int threads)
            {
                if (threads < 1) throw new InvalidInputException($"--threads must be at least 1, not {threads}");
                Backends.Current.Threads = threads;
            }
            int code = parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
            if (code == 0) context.ShowBackendNotice();
            return code;
        }
        catch (Exception e)
        {
            var replaced = context.RollBackFolders();
            if (interrupt is { Interrupted: true })
            {
                // Whatever the work threw once cancelled (OperationCanceledException, or an AggregateException around it).
                error.WriteLine(Interrupted([.. WrittenFiles(parsed, context.Started), .. replaced]));
                if (verbose) error.WriteLine(e);
                return interrupt.ExitCode;
            }
            error.WriteLine($"error: {OneLine(LibraryTerms.Describe(e, parsed.CommandResult.Command))}");
            if (verbose) error.WriteLine(e);
            return e is InvalidInputException ? 2 : 1;
        }
    }

    /// <summary>The line after an interrupt: "interrupted; nothing written", or which files had been written in full.</summary>
    private static string Interrupted(IReadOnlyList<string> written) => written.Count == 0
        ? "interrupted; nothing written"
        : $"interrupted; written in full before the interrupt: {string.Join(", ", written.Distinct())}; nothing else";

    /// <summary>
    /// The files named by the command's options and arguments that exist and were written since the run started: the
    /// outputs it completed (each is written atomically, so an existing output is a complete one).
    /// </summary>
    private static IEnumerable<string> WrittenFiles(ParseResult parsed, DateTime started) =>
        parsed.CommandResult.Children
            .Select(child => child switch
            {
                System.CommandLine.Parsing.OptionResult o when o.Option.ValueType == typeof(string) => o.GetValueOrDefault<string>(),
                System.CommandLine.Parsing.ArgumentResult a when a.Argument.ValueType == typeof(string) => a.GetValueOrDefault<string>(),
                _ => null,
            })
            .OfType<string>()
            .Where(path => File.Exists(path) && File.GetLastWriteTimeUtc(path) >= started);

    /// <summary>Messages go on one line: line breaks and the indentation after them become single spaces.</summary>
    private static string OneLine(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message.Trim(), @"\s*[\r\n]+\s*", " ");
}
