using System.Globalization;

namespace LowRank.Tests.IO;

/// <summary>
/// The checked-in files of IO/Fixtures (made by make_fixtures.py there) and the reference values numpy computed for them
/// (reference.txt, "file [label] sigma1 value" per line).
/// </summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", name);

    /// <summary>numpy's largest singular value for <paramref name="key"/> (e.g. "grey16.png" or "rgb16.png R").</summary>
    public static double Sigma1(string key)
    {
        foreach (string line in File.ReadLines(Path("reference.txt")))
            if (line.StartsWith(key + " sigma1 ", StringComparison.Ordinal))
                return double.Parse(line[(key.Length + " sigma1 ".Length)..], CultureInfo.InvariantCulture);
        throw new KeyNotFoundException($"{key} is not in reference.txt");
    }
}
