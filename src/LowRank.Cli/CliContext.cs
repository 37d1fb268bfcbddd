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
