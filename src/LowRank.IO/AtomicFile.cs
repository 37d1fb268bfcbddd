namespace LowRank.IO;

/// <summary>
/// Writes a file atomically: the content goes to a temporary file in the target's directory (named by
/// <see cref="TemporaryFiles"/>), which is renamed over the target only once it is complete. If anything fails or the
/// write is cancelled, the temporary file is deleted and the target is untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Creates the parent directory if needed, calls <paramref name="write"/> with a stream on a temporary file, then
    /// renames it to <paramref name="path"/>. Once <paramref name="cancellationToken"/> is cancelled the next write to the
    /// stream throws <see cref="OperationCanceledException"/>, and nothing is renamed. I/O failures become a
    /// <see cref="FileAccessException"/> naming the file.
    /// </summary>
    public static void Write(string path, Action<Stream> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidInputException("the output file name is empty");
        if (Directory.Exists(path)) throw InputFile.Error(path, "is a directory, not a file");
        cancellationToken.ThrowIfCancellationRequested();
        string full = Path.GetFullPath(path);
        string temp = TemporaryFiles.For(full);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            TemporaryFiles.RemoveStale(Path.GetDirectoryName(temp)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(new CancellableStream(stream, cancellationToken));
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e)
        {
            TryDelete(temp);
            if (e is UnauthorizedAccessException) throw new FileAccessException(path, "cannot write: permission denied");
            if (e is IOException) throw new FileAccessException(path, $"cannot write: {e.Message}");
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
            // Best effort: the temp file is hidden, and a later write into this folder removes it once it is stale.
        }
    }
}
