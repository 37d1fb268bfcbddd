namespace LowRank.IO;

/// <summary>
/// How to read a delimited text file (matrix or ratings); binary formats and images ignore it.
/// </summary>
/// <param name="Delimiter">The field separator, or null to detect it from the file's first lines (see
/// <see cref="DelimitedFile"/> and <see cref="RatingsFile"/>).</param>
/// <param name="DecimalComma">Numbers are written with a decimal comma (3,14). With a comma delimiter this is ambiguous
/// and refused.</param>
public sealed record TextReadOptions(TextDelimiter? Delimiter = null, bool DecimalComma = false)
{
    /// <summary>Detect the delimiter, decimal point.</summary>
    public static readonly TextReadOptions Default = new();

    /// <summary>Refuses a decimal comma with a comma delimiter (given or detected) for <paramref name="path"/>.</summary>
    internal void CheckUnambiguous(string path, char delimiter)
    {
        if (DecimalComma && delimiter == ',')
            throw InputFile.Error(path, "a decimal comma with a comma delimiter is ambiguous; give the delimiter "
                + "(--delimiter semicolon, tab or whitespace)");
    }

    /// <summary>The delimiter character of <see cref="DelimitedLine"/> for <paramref name="delimiter"/>.</summary>
    internal static char Character(TextDelimiter delimiter) => delimiter switch
    {
        TextDelimiter.Comma => ',',
        TextDelimiter.Semicolon => ';',
        TextDelimiter.Tab => '\t',
        _ => DelimitedLine.Whitespace,
    };
}
