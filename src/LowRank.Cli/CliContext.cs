using LowRank.Linalg;
using Spectre.Console;

namespace LowRank.Cli;

/// <summary>Where a command writes: stdout for results (JSON or tables), stderr for errors, notices and progress.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool interactive)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Whether stderr is a terminal, so that progress may be drawn there.</summary>
    public bool Interactive { get; } = interactive;

    private bool _noticeShown;

    /// <summary>The active backend; the first call reports a fallback to the managed backend once on stderr.</summary>
    public ILinalgBackend Backend
    {
        get
        {
            var backend = Backends.Current;
            if (!_noticeShown && Backends.FallbackNotice is string notice)
            {
                Error.WriteLine($"note: {notice}");
                _noticeShown = true;
            }
            return backend;
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
    /// Shows the fallback notice of <see cref="Backend"/> (once) for commands whose algorithms take the active backend
    /// themselves instead of being handed one (the rating predictors).
    /// </summary>
    public void AnnounceBackend() => _ = Backend;

    /// <summary>
    /// A Spectre console on stdout for tables: colours on a terminal; plain text, 160 columns wide (no wrapping of
    /// wide tables or long lines) when stdout is redirected or is not the process's stdout (tests).
    /// </summary>
    public IAnsiConsole Console { get; } = CreateConsole(output);

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
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
        if (!Interactive) return work(_ => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Error) });
        return console.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(label), status => work(text => status.Status(Markup.Escape(text))));
    }
}
