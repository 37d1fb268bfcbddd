using System.CommandLine;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>--delimiter</c> and <c>--decimal-comma</c>, the options of every command that reads a matrix or ratings text file,
/// read into one <see cref="TextReadOptions"/>. Without <c>--delimiter</c> the delimiter is detected from the file's
/// first lines.
/// </summary>
internal sealed class TextReadFlags
{
    private readonly Option<string?> _delimiter = new("--delimiter")
    {
        Description = "Field separator of a text input: comma, semicolon, tab or whitespace (also , ; or \\t); default: detected",
    };

    private readonly Option<bool> _decimalComma = new("--decimal-comma")
    {
        Description = "Numbers in the text input use a decimal comma (3,14); needs a delimiter other than comma",
    };

    public IEnumerable<Option> All => [_delimiter, _decimalComma];

    public void AddTo(Command command)
    {
        foreach (Option o in All) command.Options.Add(o);
    }

    public TextReadOptions Read(ParseResult parsed) =>
        new(ParseDelimiter(parsed.GetValue(_delimiter)), parsed.GetValue(_decimalComma));

    private static TextDelimiter? ParseDelimiter(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "comma" or "," => TextDelimiter.Comma,
        "semicolon" or ";" => TextDelimiter.Semicolon,
        "tab" or "\t" or "\\t" => TextDelimiter.Tab,
        "whitespace" or "space" or " " => TextDelimiter.Whitespace,
        _ => throw new InvalidInputException($"--delimiter must be comma, semicolon, tab or whitespace, not '{text}'"),
    };
}
