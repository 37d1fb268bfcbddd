using LowRank.Distributed.Mpi;
using LowRank.Linalg;
using LowRank.Cli.Output;
using Spectre.Console;

namespace LowRank.Cli;

/// <summary>
/// Where a command writes: stdout for results (JSON or tables), stderr for errors, notices and progress; and the token
/// that an interrupt (<see cref="CliInterrupt"/>) cancels.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool interactive, CancellationToken cancellation = default)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Whether stderr is a terminal, so that progress may be drawn there.</summary>
    public bool Interactive { get; } = interactive;

    /// <summary>
    /// Cancelled by SIGINT or SIGTERM: commands pass it to the writers and the long loops, and <see cref="WithProgress{T}(string, Func{Action{string}, T})"/>
    /// checks it at every progress report.
    /// </summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Standard input, for an input named "-" (tests give a stream of their own).</summary>
    public Func<Stream> StandardInput { get; init; } = global::System.Console.OpenStandardInput;

    /// <summary>When the command started (UTC): a file named on its command line and written since was written by it.</summary>
    public DateTime Started { get; } = DateTime.UtcNow;

    private readonly List<OutputFolder> _folders = [];

    /// <summary>Prints "note: <paramref name="text"/>" on stderr, when there is something to say (not null).</summary>
    public void Note(string? text)
    {
        if (text is not null) Error.WriteLine($"note: {text}");
    }

    /// <summary>Whether the command prints JSON (its <c>--json</c> was given): stdout then holds the JSON object alone.</summary>
    public bool Json { get; set; }

    /// <summary>
    /// Reports a file the command wrote, once it is complete: "wrote PATH" on stdout beside the tables, on stderr with
    /// <c>--json</c> so that stdout stays one JSON object. Every file a command writes is reported this way.
    /// </summary>
    public void Wrote(string path) => (Json ? Error : Output).WriteLine($"wrote {path}");

    /// <summary>Writes one output file with <paramref name="write"/> and reports it (<see cref="Wrote(string)"/>).</summary>
    public void Write(string path, Action write)
    {
        write();
        Wrote(path);
    }

    /// <summary>
    /// Writes one output file with a writer that returns its precision warnings (16-bit data stored in 8 bits, values
    /// clipped), prints them (<see cref="Warn"/>) and reports the file (<see cref="Wrote(string)"/>).
    /// </summary>
    public void Write(string path, Func<IReadOnlyList<string>> write)
    {
        Warn(write());
        Wrote(path);
    }

    /// <summary>
    /// Reports the files this run wrote into the report folder <paramref name="directory"/> (made by
    /// <see cref="CreateFolder"/>) on one line: "wrote SHOWN: n files (a, b/c, …)", paths relative to the folder.
    /// </summary>
    public void WroteFolder(string directory, string shownAs)
    {
        var files = _folders.Single(folder => folder.Path == directory).Written();
        (Json ? Error : Output).WriteLine($"wrote {shownAs}: {files.Count} {(files.Count == 1 ? "file" : "files")} ({string.Join(", ", files)})");
    }

    private bool _backendUsed;

    /// <summary>The active backend; using it arms the fallback notice that <see cref="ShowBackendNotice"/> prints.</summary>
    public ILinalgBackend Backend
    {
        get
        {
            _backendUsed = true;
            return Backends.Current;
        }
    }

    /// <summary>Prints each of <paramref name="notes"/> (what a reader decided, e.g. a dropped index column) as "note: ..." on stderr.</summary>
    public void Note(IEnumerable<string> notes)
    {
        foreach (string note in notes) Error.WriteLine($"note: {note}");
    }

    /// <summary>Prints each of <paramref name="warnings"/> (a loss of precision in an output) as "warning: ..." on stderr.</summary>
    public void Warn(IEnumerable<string> warnings)
    {
        foreach (string warning in warnings) Error.WriteLine($"warning: {warning}");
    }

    /// <summary>
    /// Arms the fallback notice of <see cref="Backend"/> for commands whose algorithms take the active backend
    /// themselves instead of being handed one (the rating predictors).
    /// </summary>
    public void AnnounceBackend() => _ = Backend;

    /// <summary>
    /// After a successful command that computed: one "note: OpenBLAS not found ..." line on stderr when auto fell back to
    /// the managed backend. Printed at the end, not when the backend is first used, so that a run that fails prints only
    /// its one "error: ..." line: the install hint is for results that took longer than they should have.
    /// </summary>
    public void ShowBackendNotice()
    {
        if (_backendUsed && Backends.FallbackNotice is string notice) Error.WriteLine($"note: {notice}");
        _backendUsed = false;
    }

    /// <summary>
    /// A Spectre console on stdout for tables: colours on a terminal; plain text, 160 columns wide (no wrapping of
    /// wide tables or long lines) when stdout is redirected or is not the process's stdout (tests), and under mpirun,
    /// whose pseudo-terminal (80 columns) is not the user's: <c>lowrank mpi</c> relays the lines.
    /// </summary>
    public IAnsiConsole Console { get; } = CreateConsole(output);

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected && !MpiEnvironment.UnderMpirun;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.No,
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal) console.Profile.Width = 160;
        return console;
    }

    /// <summary>Runs <paramref name="work"/> with a spinner and its label on stderr when it is a terminal; quietly otherwise.</summary>
    public T WithProgress<T>(string label, Func<T> work) => WithProgress(label, _ => work());

    /// <summary>
    /// Like <see cref="WithProgress{T}(string, Func{T})"/>, and <paramref name="work"/> may replace the label (e.g. with
    /// the current epoch) through the action it is given; the action does nothing when stderr is not a terminal.
    /// </summary>
    public T WithProgress<T>(string label, Func<Action<string>, T> work)
    {
        Cancellation.ThrowIfCancellationRequested();
        if (!Interactive) return work(_ => Cancellation.ThrowIfCancellationRequested());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
        return console.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(label), status => work(text =>
        {
            Cancellation.ThrowIfCancellationRequested();
            status.Status(Markup.Escape(text));
        }));
    }

    /// <summary>
    /// Creates (if need be) a report folder that the run fills with several files, remembering what it held so that
    /// <see cref="RollBackFolders"/> can take back a failed or interrupted run's additions.
    /// </summary>
    public string CreateFolder(string fullPath)
    {
        _folders.Add(OutputFolder.Create(fullPath));
        return fullPath;
    }

    /// <summary>Takes back what this run added to its report folders; returns the files it had already replaced.</summary>
    public IReadOnlyList<string> RollBackFolders() => _folders.SelectMany(folder => folder.RollBack()).ToList();
}
