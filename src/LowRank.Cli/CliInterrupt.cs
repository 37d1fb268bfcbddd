using System.Runtime.InteropServices;

namespace LowRank.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM as cooperative cancellation: the first cancels <see cref="Token"/> — the work stops at its
/// next check, writers delete their temporary files — and the process then exits with 128 + the signal's number (130,
/// 143), as a shell reports a process ended by that signal. A second signal gets the runtime's default handling, which
/// ends the process at once.
/// </summary>
internal sealed class CliInterrupt : IDisposable
{
    private const int SigInt = 2, SigTerm = 15; // the same numbers on Linux and macOS

    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    private CliInterrupt()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Handles SIGINT and SIGTERM from now until disposed.</summary>
    public static CliInterrupt Register() => new();

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether a signal has arrived.</summary>
    public bool Interrupted => Volatile.Read(ref _signal) != 0;

    /// <summary>The exit status after the first signal: 130 for SIGINT, 143 for SIGTERM.</summary>
    public int ExitCode => 128 + Volatile.Read(ref _signal);

    private void Handle(PosixSignalContext context)
    {
        int signal = context.Signal == PosixSignal.SIGINT ? SigInt : SigTerm;
        if (Interlocked.CompareExchange(ref _signal, signal, 0) != 0) return; // the second: default handling ends the process
        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
