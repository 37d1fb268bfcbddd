using System.Runtime.CompilerServices;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>
/// A fact that runs only when MovieLens 100k is at ../shared/data/movielens-100k/u.data above the test assembly or the sources
/// (it is never committed: its licence forbids redistribution); otherwise it is reported as skipped.
/// </summary>
public sealed class FactIfMovieLensAttribute : FactAttribute
{
    public FactIfMovieLensAttribute()
    {
        if (MovieLensPath is null) Skip = "MovieLens 100k not found under ../shared/data/movielens-100k (run `lowrank data fetch movielens-100k`)";
    }

    /// <summary>
    /// The u.data of the nearest ../shared/data/movielens-100k above the test assembly, or else above this source file
    /// (so that a build with <c>--artifacts-path</c> elsewhere still finds it), or null.
    /// </summary>
    public static string? MovieLensPath
    {
        get
        {
            foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(SourceFile()) ?? "" })
                for (var dir = start.Length == 0 ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    string path = Path.Combine(dir.FullName, "..", "shared", "data", "movielens-100k", "u.data");
                    if (File.Exists(path)) return Path.GetFullPath(path);
                }
            return null;
        }
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
