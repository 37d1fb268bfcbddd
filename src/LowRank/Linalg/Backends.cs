namespace LowRank.Linalg;

/// <summary>
/// Chooses the process-wide backend. <c>LOWRANK_BACKEND=auto|native|managed</c> (default auto): auto takes
/// OpenBLAS when it loads and otherwise falls back to Math.NET, leaving a <see cref="FallbackNotice"/> for the
/// caller to show once. <c>LOWRANK_OPENBLAS</c> names the library file to try first; <c>LOWRANK_THREADS</c>
/// sets the thread count.
/// </summary>
public static class Backends
{
    /// <summary>How to get OpenBLAS on the common systems.</summary>
    public const string InstallHint =
        "install OpenBLAS (Debian/Ubuntu: apt-get install libopenblas0-pthread) or set LOWRANK_OPENBLAS to its path";

    private static readonly Lock Gate = new();
    private static ILinalgBackend? _current;

    /// <summary>Set when "auto" had to fall back to the managed backend: why, and how to fix it.</summary>
    public static string? FallbackNotice { get; private set; }

    /// <summary>The active backend, chosen from the environment on first use.</summary>
    public static ILinalgBackend Current
    {
        get
        {
            lock (Gate)
                return _current ??= Create(Environment.GetEnvironmentVariable("LOWRANK_BACKEND"), ThreadsFromEnvironment());
        }
    }

    /// <summary>Replaces the active backend (CLI options, tests).</summary>
    public static void Use(ILinalgBackend backend)
    {
        lock (Gate) _current = backend;
    }

    /// <summary>
    /// Creates a backend by mode: "auto" (or null/empty), "native", "managed". A "native" request that cannot be
    /// met is an <see cref="InvalidInputException"/>; "auto" falls back and records <see cref="FallbackNotice"/>.
    /// </summary>
    public static ILinalgBackend Create(string? mode, int? threads = null)
    {
        string chosen = string.IsNullOrWhiteSpace(mode) ? "auto" : mode.Trim().ToLowerInvariant();
        ILinalgBackend backend;
        switch (chosen)
        {
            case "managed":
                backend = new ManagedBackend();
                break;
            case "native":
                backend = OpenBlasBackend.TryLoad(Environment.GetEnvironmentVariable("LOWRANK_OPENBLAS"), out string why)
                    ?? throw new InvalidInputException($"LOWRANK_BACKEND=native but OpenBLAS could not be loaded ({why}); {InstallHint}");
                break;
            case "auto":
                var native = OpenBlasBackend.TryLoad(Environment.GetEnvironmentVariable("LOWRANK_OPENBLAS"), out string reason);
                if (native is null)
                    FallbackNotice = $"OpenBLAS not found ({reason}); using the managed Math.NET backend, which is much slower: {InstallHint}";
                backend = (ILinalgBackend?)native ?? new ManagedBackend();
                break;
            default:
                throw new InvalidInputException($"LOWRANK_BACKEND must be auto, native or managed, not '{mode}'");
        }
        if (threads is int t) backend.Threads = t;
        return backend;
    }

    /// <summary>LOWRANK_THREADS as a positive integer, or null when unset.</summary>
    public static int? ThreadsFromEnvironment()
    {
        string? value = Environment.GetEnvironmentVariable("LOWRANK_THREADS");
        if (string.IsNullOrWhiteSpace(value)) return null;
        return int.TryParse(value, out int t) && t > 0
            ? t
            : throw new InvalidInputException($"LOWRANK_THREADS must be a positive integer, not '{value}'");
    }
}
