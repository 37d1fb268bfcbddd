namespace LowRank;

/// <summary>
/// Bad input from the user: a malformed file, an out-of-range parameter, a matrix that is too large.
/// The message is one line, fit to print after "error: " (the CLI maps this to exit code 2).
/// </summary>
public sealed class InvalidInputException(string message) : Exception(message);
