namespace LowRank.Cli.Output;

/// <summary>
/// A report folder (<c>experiment … --out DIR</c>, <c>demo --out DIR</c>, <c>image --report DIR</c>) as this run found
/// it, so that a run that fails or is interrupted takes back what it added instead of leaving a half-written report:
/// the files it created are deleted, and so are the folders it created once empty. Files it replaced stay (each is
/// complete: every file is written atomically) and are named by <see cref="RollBack"/>.
/// </summary>
internal sealed class OutputFolder
{
    private readonly HashSet<string> _files;
    private readonly HashSet<string> _folders;
    private readonly DateTime _started;

    private OutputFolder(string path, HashSet<string> files, HashSet<string> folders, DateTime started)
    {
        Path = path;
        _files = files;
        _folders = folders;
        _started = started;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Notes what <paramref name="fullPath"/> holds now, then creates it if need be.</summary>
    public static OutputFolder Create(string fullPath)
    {
        var started = DateTime.UtcNow;
        bool existed = Directory.Exists(fullPath);
        var files = existed ? Directory.EnumerateFiles(fullPath, "*", SearchOption.AllDirectories).ToHashSet() : [];
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
        return new OutputFolder(fullPath, files, folders, started);
    }

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
            if (!_files.Contains(file)) TryDelete(() => File.Delete(file));
            else if (File.GetLastWriteTimeUtc(file) >= _started) replaced.Add(file);
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
