namespace LowRank;

/// <summary>
/// Bad input from the user: a malformed file, an out-of-range parameter, a matrix that is too large.
/// The message is one line in the library's own terms, fit to print after "error: " (the CLI maps this to exit code 2).
/// <see cref="Parameter"/> names the offending setting as the library names it (a parameter or property, e.g.
/// "Epochs"), so that a front end can say which of its own options to change.
/// </summary>
public sealed class InvalidInputException(string message, string? parameter = null) : Exception(message)
{
    /// <summary>The library's name of the setting at fault, or null when the input as a whole is.</summary>
    public string? Parameter { get; } = parameter;
}
