using System.Diagnostics;
using System.Text.Json;
using LowRank.Cli;
using Xunit;

namespace LowRank.Tests.Cli;

/// <summary>Runs the <c>lowrank</c> command in process (fast) or as a child process (for environment variables).</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = LowRankCli.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs in process with <paramref name="stdin"/> as standard input (for the input "-").</summary>
    public static Result RunWithInput(byte[] stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = LowRankCli.Run(args, stdout, stderr, input: new MemoryStream(stdin, writable: false));
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// The JSON a successful <c>--json</c> run printed: exit code 0, and stdout is exactly one JSON object (docs/architecture.md §3;
    /// any other text before or after it fails the parse).
    /// </summary>
    public static JsonElement Json(Result r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        return root;
    }

    public static Result RunProcess(IDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args);
        return Finish(process);
    }

    /// <summary>
    /// Starts <c>lowrank</c> as a child process with stdout and stderr redirected; <see cref="Finish"/> collects them.
    /// On Linux it starts through <c>env --default-signal</c>, so that SIGINT and SIGTERM reach it with their default
    /// disposition even when the test runner was started with them ignored (as a shell starts background jobs).
    /// </summary>
    public static Process Start(IDictionary<string, string> environment, params string[] args)
    {
        bool linux = OperatingSystem.IsLinux();
        var start = new ProcessStartInfo(linux ? "/usr/bin/env" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (linux) foreach (string a in new[] { "--default-signal=INT,TERM", "dotnet" }) start.ArgumentList.Add(a);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LowRank.Cli.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Process.Start(start)!;
    }

    /// <summary>Waits for a process from <see cref="Start"/> to end and returns its exit code and output.</summary>
    public static Result Finish(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr);
    }
}
