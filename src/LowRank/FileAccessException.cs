namespace LowRank;

/// <summary>
/// A file could not be read or written although the request was valid: permission denied, a full disk, a failing
/// device. Distinct from <see cref="InvalidInputException"/> (bad input, exit code 2): the CLI maps this to exit code 1.
/// The message is one line that starts with the path, fit to print after "error: ".
/// </summary>
public sealed class FileAccessException(string path, string message) : Exception($"{path}: {message}")
{
    /// <summary>The file or folder that could not be read or written, as the user gave it.</summary>
    public string Path { get; } = path;
}
