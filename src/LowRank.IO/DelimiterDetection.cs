namespace LowRank.IO;

/// <summary>
/// Chooses the delimiter of a text file from its first data lines (as Python's <c>csv.Sniffer</c> does, by consistency):
/// the first of tab, semicolon and comma that occurs, outside double quotes, the same nonzero number of times on every
/// line looked at. Semicolon is tried before comma because a semicolon file's commas are decimal commas (as spreadsheets
/// in many locales write them). When none is consistent: runs of whitespace if they split every line into the same
/// number (more than one) of fields, else the delimiter the file name implies, else <see cref="InLine"/> of the first
/// line. With a decimal comma the comma is never a candidate, so whitespace-separated and one-column files read.
/// </summary>
internal static class DelimiterDetection
{
    /// <summary>How many data lines (after blank and comment lines) are looked at.</summary>
    public const int SampleLines = 20;

    private static readonly char[] Candidates = ['\t', ';', ','];

    public static char Detect(IReadOnlyList<string> lines, char? implied, bool decimalComma = false)
    {
        foreach (char c in Candidates)
            if ((c != ',' || !decimalComma) && Consistent(lines, line => Count(line, c))) return c;
        var fields = new List<string>();
        if (Consistent(lines, line => DelimitedLine.Split(line, DelimitedLine.Whitespace, fields) && fields.Count > 1 ? fields.Count : 0))
            return DelimitedLine.Whitespace;
        if (implied is char given && (given != ',' || !decimalComma)) return given;
        return InLine(lines.Count > 0 ? lines[0] : "", decimalComma);
    }

    /// <summary>
    /// The delimiter of a single line (the rule for ratings lines, and the last resort above): the first of tab,
    /// semicolon and comma (not with a decimal comma) that it contains, else whitespace.
    /// </summary>
    public static char InLine(string line, bool decimalComma)
    {
        foreach (char c in Candidates)
            if ((c != ',' || !decimalComma) && line.Contains(c)) return c;
        return DelimitedLine.Whitespace;
    }

    private static bool Consistent(IReadOnlyList<string> lines, Func<string, int> count)
    {
        if (lines.Count == 0) return false;
        int expected = count(lines[0]);
        if (expected == 0) return false;
        for (int i = 1; i < lines.Count; i++)
            if (count(lines[i]) != expected) return false;
        return true;
    }

    /// <summary>Occurrences of <paramref name="c"/> outside double-quoted stretches.</summary>
    private static int Count(string line, char c)
    {
        int n = 0;
        bool quoted = false;
        foreach (char ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == c && !quoted) n++;
        }
        return n;
    }
}
