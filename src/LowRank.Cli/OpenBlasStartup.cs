using System.Runtime.InteropServices;

namespace LowRank.Cli;

/// <summary>
/// Settings that OpenBLAS reads from the process environment once, when it loads, so the tool must place them there
/// before its first linear-algebra call (<see cref="Apply"/>, first thing in <see cref="Program.Main"/>). A value the
/// user has set is kept.
/// </summary>
internal static class OpenBlasStartup
{
    /// <summary>
    /// OPENBLAS_THREAD_TIMEOUT = 18: an idle OpenBLAS worker waits 2¹⁸ time-stamp cycles (about 0.1 ms at 2.4 GHz) for
    /// the next call before it sleeps, instead of the library's default 2²⁸ (0.11 s), during which it spins in
    /// sched_yield. The sparse methods run their own threads between BLAS calls (the Lanczos restarts' rotations and
    /// Gram–Schmidt products, the randomized method's QR): a worker spinning for 0.11 s after each took a core from
    /// those threads — a quarter of the samples of a Lanczos run on sparse-s (perf), and Lanczos k = 50 took 1.3 s
    /// instead of 1.8 s with it (docs/benchmarks.md, "Session 2026-12-01 05:24–06:40 (OpenBLAS's idle workers, …)").
    /// </summary>
    internal static IReadOnlyList<(string Name, string Value)> Defaults { get; } = [("OPENBLAS_THREAD_TIMEOUT", "18")];

    /// <summary>Sets each of <see cref="Defaults"/> that the environment does not already hold.</summary>
    public static void Apply()
    {
        foreach (var (name, value) in Defaults) SetDefault(name, value);
    }

    /// <summary>
    /// Sets <paramref name="name"/> in the native environment (where a C library's getenv reads it) unless it is
    /// already set; returns whether it set it. .NET keeps its own copy of the environment on Unix, so
    /// <see cref="Environment.SetEnvironmentVariable(string, string)"/> alone would not reach OpenBLAS there.
    /// </summary>
    internal static bool SetDefault(string name, string value)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)) || !string.IsNullOrEmpty(NativeValue(name))) return false;
        if (OperatingSystem.IsWindows()) Environment.SetEnvironmentVariable(name, value); // the Win32 environment itself
        else if (SetEnv(name, value, 0) != 0) return false;
        return true;
    }

    /// <summary>The native environment's value of <paramref name="name"/>, or null.</summary>
    internal static string? NativeValue(string name) =>
        OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable(name) : Marshal.PtrToStringUTF8(GetEnv(name));

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv(string name);
}
