namespace LowRank.Cli.Output;

/// <summary>
/// The files a command writes into a report directory (demo, experiments, <c>image --report</c>), whichever layer
/// writes them (figures, index.html, results.json): the directory is listed before the work and again after it, and
/// every file that is new or has a new modification time is one the command wrote. Outputs are written by a rename
/// (AtomicFile), so a rewritten file always has a new modification time.
/// </summary>
internal sealed class DirectoryWrites
{
    private readonly string directory;
    private readonly Dictionary<string, DateTime> before;

    private DirectoryWrites(string directory)
    {
        this.directory = directory;
        before = List(directory);
    }

    /// <summary>Starts watching <paramref name="directory"/> (it need not exist yet).</summary>
    public static DirectoryWrites Watch(string directory) => new(directory);

    /// <summary>The files written since <see cref="Watch"/>, relative to the directory with '/' separators, sorted.</summary>
    public IReadOnlyList<string> Written() =>
        List(directory).Where(f => !before.TryGetValue(f.Key, out var then) || then != f.Value)
            .Select(f => f.Key).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Reports the files written since <see cref="Watch"/> through <see cref="CliContext.Wrote(string, IReadOnlyList{string})"/>.</summary>
    public void Report(CliContext context, string shownAs) => context.Wrote(shownAs, Written());

    private static Dictionary<string, DateTime> List(string directory) =>
        !Directory.Exists(directory) ? []
            : Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.')) // AtomicFile's temporary files, should one be left over
                .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), File.GetLastWriteTimeUtc);
}
