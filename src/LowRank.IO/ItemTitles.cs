using System.Text;

namespace LowRank.IO;

/// <summary>
/// Item titles that MovieLens ships beside its ratings: <c>u.item</c> (100k: <c>id|title|date|...</c>, Latin-1) or
/// <c>movies.dat</c> (1M/10M: <c>id::title::genres</c>). Optional: lines that do not parse are skipped.
/// </summary>
public static class ItemTitles
{
    /// <summary>Titles by item id from the catalogue next to <paramref name="ratingsPath"/>, or null when there is none.</summary>
    public static IReadOnlyDictionary<string, string>? NextTo(string ratingsPath)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(ratingsPath)) ?? ".";
        foreach (var (name, separator) in new[] { ("u.item", "|"), ("movies.dat", "::") })
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return Read(path, separator);
        }
        return null;
    }

    private static Dictionary<string, string> Read(string path, string separator) => InputFile.Guard(path, () =>
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path, Encoding.Latin1))
        {
            var fields = line.Split(separator);
            if (fields.Length >= 2 && fields[0].Trim().Length > 0) titles[fields[0].Trim()] = fields[1].Trim();
        }
        return titles;
    });
}
