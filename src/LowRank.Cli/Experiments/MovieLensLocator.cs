namespace LowRank.Cli.Experiments;

/// <summary>
/// Finds MovieLens 100k's <c>u.data</c> without ever bundling it (its licence forbids redistribution): an explicit
/// path (the file or its directory), else <c>../shared/data/movielens-100k/</c> or <c>data/movielens-100k/</c> (where
/// <c>lowrank data fetch</c> writes) relative to the working directory, the repository holding the working
/// directory, or the repository holding the executable.
/// </summary>
internal static class MovieLensLocator
{
    public const string FileName = "u.data";

    /// <summary>The u.data named by <paramref name="given"/> (an error when it is not there), or a found one, or null.</summary>
    public static string? Find(string? given)
    {
        if (given is not null)
        {
            string file = Directory.Exists(given) ? Path.Combine(given, FileName) : given;
            return File.Exists(file) ? file : throw new InvalidInputException($"{given}: no MovieLens ratings file here (expected {FileName} or its directory)");
        }
        foreach (string root in Roots())
            foreach (string relative in new[] { Path.Combine("..", "shared", "data", "movielens-100k"), Path.Combine("data", "movielens-100k") })
            {
                string file = Path.GetFullPath(Path.Combine(root, relative, FileName));
                if (File.Exists(file)) return file;
            }
        return null;
    }

    /// <summary>Where relative data paths are tried: the working directory and the repositories holding it and the executable.</summary>
    internal static IEnumerable<string> Roots()
    {
        string cwd = Directory.GetCurrentDirectory();
        yield return cwd;
        foreach (string start in new[] { cwd, AppContext.BaseDirectory })
            if (RepositoryRoot(start) is string root) yield return root;
    }

    /// <summary>The nearest directory at or above <paramref name="start"/> holding LowRank.slnx.</summary>
    private static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LowRank.slnx"))) return dir.FullName;
        return null;
    }
}
