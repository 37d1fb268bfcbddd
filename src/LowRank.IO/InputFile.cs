using System.IO.Compression;

namespace LowRank.IO;

/// <summary>
/// Opening input files and turning every failure into a one-line exception that starts with the file name as the user
/// gave it: <see cref="InvalidInputException"/> for bad input (no such file, malformed content), <see cref="FileAccessException"/>
/// when the file cannot be read (permission denied, a failing device).
/// </summary>
internal static class InputFile
{
    /// <summary>An error about <paramref name="path"/>: "path: message", on one line.</summary>
    public static InvalidInputException Error(string path, string message) =>
        new($"{path}: {OneLine(message)}");

    /// <summary>Opens a file for reading, with clear messages for a missing file, a directory or no permission.</summary>
    public static FileStream OpenRead(string path)
    {
        if (Directory.Exists(path)) throw Error(path, "is a directory, not a file");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Error(path, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new FileAccessException(path, "cannot read: permission denied");
        }
        catch (IOException e)
        {
            throw new FileAccessException(path, $"cannot read: {OneLine(e.Message)}");
        }
    }

    /// <summary>Opens a file, transparently decompressing it when it starts with the gzip magic bytes 1f 8b.</summary>
    public static Stream OpenMaybeGzip(string path)
    {
        FileStream file = OpenRead(path);
        try
        {
            if (IsGzip(file)) return new GZipStream(file, CompressionMode.Decompress);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Runs a reader, converting I/O failures that happen while reading into messages naming the file.</summary>
    public static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (Described(path, e) is { } described)
        {
            throw described;
        }
    }

    /// <summary>The one-line exception naming <paramref name="path"/> for an I/O failure while reading it, or null for other exceptions.</summary>
    public static Exception? Described(string path, Exception e) => e switch
    {
        EndOfStreamException => Error(path, "truncated: the file ends unexpectedly"),
        InvalidDataException => Error(path, $"corrupt compressed data: {e.Message}"),
        UnauthorizedAccessException => new FileAccessException(path, "cannot read: permission denied"),
        IOException => new FileAccessException(path, $"cannot read: {OneLine(e.Message)}"),
        _ => null,
    };

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes unless the stream ends; returns how many were read.</summary>
    public static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>Shortens a cell or token for quoting it in a message.</summary>
    public static string Quote(string text) =>
        "'" + OneLine(text.Length > 40 ? text[..37] + "..." : text) + "'";

    internal static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = ReadFully(file, magic);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
