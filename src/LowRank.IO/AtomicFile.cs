namespace LowRank.IO;

/// <summary>
/// Writes a file atomically: the content goes to a temporary file in the target's directory, which is renamed over
/// the target only once it is complete. If anything fails, the temporary file is deleted and the target is untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Creates the parent directory if needed, calls <paramref name="write"/> with a stream on a temporary file, then
    /// renames it to <paramref name="path"/>. I/O failures become an <see cref="InvalidInputException"/> naming the file.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidInputException("the output file name is empty");
        if (Directory.Exists(path)) throw InputFile.Error(path, "is a directory, not a file");
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (e is UnauthorizedAccessException) throw InputFile.Error(path, "cannot write: permission denied");
            if (e is IOException) throw InputFile.Error(path, $"cannot write: {e.Message}");
            throw;
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temp file is hidden and uniquely named, so a leftover never shadows the output.
        }
    }
}
