namespace LowRank.IO;

/// <summary>The field separator of a delimited text file (matrix or ratings).</summary>
public enum TextDelimiter
{
    Comma,
    Semicolon,
    Tab,

    /// <summary>Runs of spaces and tabs.</summary>
    Whitespace,
}
