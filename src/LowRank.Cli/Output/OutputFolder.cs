namespace LowRank.Cli.Output;

/// <summary>
/// A report folder (<c>experiment … --out DIR</c>, <c>demo --out DIR</c>, <c>image --report DIR</c>) as this run found
/// it, so that a run that fails or is interrupted takes back what it added instead of leaving a half-written report:
/// the files it created are deleted, and so are the folders it created once empty. Files it replaced stay (each is
/// complete: every file is written atomically) and are named by <see cref="RollBack"/>. The same snapshot says which
/// files a successful run wrote (<see cref="Written"/>), whichever layer wrote them (figures, index.html, results.json).
/// </summary>
internal sealed class OutputFolder
{
    /// <summary>Each file that was there before the run, with its last-write time then.</summary>
    private readonly Dictionary<string, DateTime> _files;
    private readonly HashSet<string> _folders;

    private OutputFolder(string path, Dictionary<string, DateTime> files, HashSet<string> folders)
    {
        Path = path;
        _files = files;
        _folders = folders;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Notes what <paramref name="fullPath"/> holds now, then creates it if need be.</summary>
    public static OutputFolder Create(string fullPath)
    {
        bool existed = Directory.Exists(fullPath);
        var files = existed ? Directory.EnumerateFiles(fullPath, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc) : [];
        var folders = existed ? Directory.EnumerateDirectories(fullPath, "*", SearchOption.AllDirectories).Append(fullPath).ToHashSet() : [];
        try
        {
            Directory.CreateDirectory(fullPath);
        }
        catch (UnauthorizedAccessException)
        {
            throw new FileAccessException(fullPath, "cannot create the folder: permission denied");
        }
        catch (IOException e)
        {
            throw new FileAccessException(fullPath, $"cannot create the folder: {e.Message}");
        }
        return new OutputFolder(fullPath, files, folders);
    }

    /// <summary>
    /// The files written since <see cref="Create"/>: new, or with a new last-write time (outputs are renamed into place,
    /// so a rewritten file always has one). Relative to the folder with '/' separators, sorted; hidden files (temporaries
    /// of <c>AtomicFile</c>, should one be left over) are not outputs.
    /// </summary>
    public IReadOnlyList<string> Written() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Where(file => !System.IO.Path.GetFileName(file).StartsWith('.'))
            .Where(file => !_files.TryGetValue(file, out DateTime before) || File.GetLastWriteTimeUtc(file) != before)
            .Select(file => System.IO.Path.GetRelativePath(Path, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Deletes the files this run added and the folders it created (when empty); returns the files that were there before
    /// and that this run replaced with complete new ones.
    /// </summary>
    public IReadOnlyList<string> RollBack()
    {
        if (!Directory.Exists(Path)) return [];
        var replaced = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).ToList())
        {
            // Replaced: its last-write time changed (a comparison with the start time would miss a write within the file
            // system's timestamp granularity).
            if (!_files.TryGetValue(file, out DateTime before)) TryDelete(() => File.Delete(file));
            else if (File.GetLastWriteTimeUtc(file) != before) replaced.Add(file);
        }
        var created = Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories).Append(Path)
            .Where(folder => !_folders.Contains(folder)).OrderByDescending(folder => folder.Length);
        foreach (string folder in created.ToList())
            if (!Directory.EnumerateFileSystemEntries(folder).Any()) TryDelete(() => Directory.Delete(folder));
        return replaced;
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: what cannot be deleted stays, and RollBack's caller has already failed for a reason of its own.
        }
    }
}
