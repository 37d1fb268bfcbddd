using System.Text;

namespace LowRank.IO;

/// <summary>
/// A folder of plain-text documents in, a term–document matrix out: the counts as scipy's sparse .npz
/// (documents × terms), the terms one per line (column order) and the document names one per line (row order).
/// </summary>
public static class TermDocumentFiles
{
    /// <summary>Every <c>*.txt</c> in <paramref name="directory"/> (not recursive), in ordinal order of the file names; a document's name is its file name without .txt.</summary>
    public static IReadOnlyList<(string Name, string Text)> ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory)) throw new InvalidInputException($"{directory}: no such directory");
        string[] files = [.. Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal)];
        if (files.Length == 0) throw new InvalidInputException($"{directory}: no .txt files");
        return [.. files.Select(f => (Path.GetFileNameWithoutExtension(f), InputFile.Guard(f, () => File.ReadAllText(f, Encoding.UTF8))))];
    }

    /// <summary>Writes the matrix, the vocabulary and the document list (each atomically).</summary>
    public static void Write(TermDocumentCorpus corpus, string matrixPath, string vocabularyPath, string documentsPath)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        SparseNpzFile.Write(matrixPath, corpus.Counts);
        WriteLines(vocabularyPath, corpus.Terms);
        WriteLines(documentsPath, corpus.Documents);
    }

    /// <summary>Reads a list written by <see cref="Write"/>: one entry per line.</summary>
    public static string[] ReadLines(string path) =>
        InputFile.Guard(path, () => File.ReadAllLines(path, Encoding.UTF8));

    private static void WriteLines(string path, IReadOnlyList<string> lines) => AtomicFile.Write(path, stream =>
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        foreach (string line in lines) w.WriteLine(line);
    });
}
