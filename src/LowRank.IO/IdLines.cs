using System.Text;

namespace LowRank.IO;

/// <summary>
/// The data lines of a small delimited file of ids (pairs to predict, one user's ratings): blank lines and lines
/// starting with '#' skipped, the separator taken from the first data line as for ratings files
/// (<see cref="RatingsFile.Separator"/>: "::", else the delimiter detected in the line, else runs of spaces), fields trimmed.
/// </summary>
internal static class IdLines
{
    public static List<(string[] Fields, int Line)> Read(string path) => InputFile.Guard(path, () =>
    {
        using var reader = new StreamReader(InputFile.OpenMaybeGzip(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var lines = new List<(string[], int)>();
        string? separator = null, line;
        int number = 0;
        while ((line = reader.ReadLine()) != null)
        {
            number++;
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#') continue;
            separator ??= RatingsFile.Separator(line);
            string[] fields = separator == " " ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : line.Split(separator);
            for (int f = 0; f < fields.Length; f++) fields[f] = fields[f].Trim();
            lines.Add((fields, number));
        }
        return lines;
    });
}
