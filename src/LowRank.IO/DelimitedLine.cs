namespace LowRank.IO;

/// <summary>
/// Splits one line of a delimited text file into fields. Fields may be enclosed in double quotes (a doubled quote
/// inside stands for one quote). With the whitespace "delimiter" <c>'\0'</c>, runs of spaces and tabs separate fields.
/// </summary>
internal static class DelimitedLine
{
    public const char Whitespace = '\0';

    /// <summary>Fills <paramref name="fields"/>; returns false when a quoted field is not closed on this line.</summary>
    public static bool Split(string line, char delimiter, List<string> fields)
    {
        fields.Clear();
        int i = 0;
        if (delimiter == Whitespace)
        {
            while (true)
            {
                while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
                if (i == line.Length) return true;
                if (!ReadField(line, ref i, delimiter, fields)) return false;
            }
        }
        while (true)
        {
            if (!ReadField(line, ref i, delimiter, fields)) return false;
            if (i == line.Length) return true;
            i++; // the delimiter
        }
    }

    private static bool ReadField(string line, ref int i, char delimiter, List<string> fields)
    {
        int start = i;
        while (start < line.Length && line[start] == ' ') start++;
        if (start < line.Length && line[start] == '"')
        {
            var text = new System.Text.StringBuilder();
            int k = start + 1;
            while (true)
            {
                if (k >= line.Length) return false;
                if (line[k] == '"')
                {
                    if (k + 1 < line.Length && line[k + 1] == '"') { text.Append('"'); k += 2; continue; }
                    k++;
                    break;
                }
                text.Append(line[k++]);
            }
            // Anything between the closing quote and the delimiter is kept, so that junk there is reported.
            int rest = k;
            while (k < line.Length && !IsDelimiter(line[k], delimiter)) k++;
            fields.Add(text.Append(line.AsSpan(rest, k - rest).Trim()).ToString());
            i = k;
            return true;
        }
        int end = i;
        while (end < line.Length && !IsDelimiter(line[end], delimiter)) end++;
        fields.Add(line[i..end]);
        i = end;
        return true;
    }

    private static bool IsDelimiter(char c, char delimiter) =>
        delimiter == Whitespace ? char.IsWhiteSpace(c) : c == delimiter;
}
