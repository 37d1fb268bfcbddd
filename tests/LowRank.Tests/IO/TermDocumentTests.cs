using LowRank.IO;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;
using LowRank.Tests.Cli;
using Xunit;

namespace LowRank.Tests.IO;

public sealed class TermDocumentTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TokensAreLowerCaseLetterRunsWithoutStopWordsOrSingleLetters()
    {
        var counts = TermDocumentBuilder.Count("The Nation's 2nd budget: budget-deficit, and THE a b");
        Assert.Equal(new Dictionary<string, int> { ["nation"] = 1, ["nd"] = 1, ["budget"] = 2, ["deficit"] = 1 }, counts);
    }

    [Fact]
    public void MatrixIsDocumentsByTermsKeepingTermsInEnoughDocuments()
    {
        var corpus = TermDocumentBuilder.Build(
        [
            ("d1", "Peace and war. War!"),
            ("d2", "war, trade and peace"),
            ("d3", "Trade; trade; tariffs"),
        ], minDocuments: 2);
        Assert.Equal(["peace", "trade", "war"], corpus.Terms);
        Assert.Equal(["d1", "d2", "d3"], corpus.Documents);
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.0, 0, 2 }, { 1, 1, 1 }, { 0, 2, 0 } }), corpus.Counts.ToDense());
    }

    [Fact]
    public void CommandWritesTheMatrixAndBothListsThatReadBack()
    {
        string texts = Directory.CreateDirectory(_dir.File("texts")).FullName;
        File.WriteAllText(Path.Combine(texts, "b.txt"), "gold silver gold");
        File.WriteAllText(Path.Combine(texts, "a.txt"), "silver and gold");
        File.WriteAllText(Path.Combine(texts, "notes.md"), "ignored");
        string npz = _dir.File("t.npz"), vocabulary = _dir.File("v.txt"), documents = _dir.File("d.txt");
        var r = CliRunner.Json(CliRunner.Run("data", "terms", texts, "-o", npz, "--vocabulary", vocabulary, "--documents", documents, "--min-documents", "2", "--json"));
        Assert.Equal(4, r.GetProperty("nnz").GetInt64());
        IoFixtures.Equal(Matrix.FromArray(new[,] { { 1.0, 1 }, { 2, 1 } }), SparseNpzFile.Read(npz).ToDense());
        Assert.Equal(["gold", "silver"], TermDocumentFiles.ReadLines(vocabulary));
        Assert.Equal(["a", "b"], TermDocumentFiles.ReadLines(documents));
    }

    [Fact]
    public void CommandRefusesAFolderWithoutTextsAndWritesNothing()
    {
        string empty = Directory.CreateDirectory(_dir.File("empty")).FullName;
        var r = CliRunner.Run("data", "terms", empty, "-o", _dir.File("t.npz"), "--vocabulary", _dir.File("v.txt"), "--documents", _dir.File("d.txt"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {empty}: no .txt files\n", r.Stderr);
        Assert.Equal(["empty"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    /// <summary>
    /// The bundled sample has the shape and nonzero count samples/README.md states, and its lists match its shape; where the
    /// State of the Union texts are at hand (../shared/data/sotu), rebuilding gives the same matrix. (Checked once more
    /// by hand with an independent Python tokenizer and scipy.sparse.load_npz: equal arrays.)
    /// </summary>
    [Fact]
    public void BundledStateOfTheUnionMatrixLoadsWithItsStatedShape()
    {
        string samples = Path.Combine(AppContext.BaseDirectory, "samples");
        CsrMatrix m = SparseNpzFile.Read(Path.Combine(samples, "sotu-terms.npz"));
        Assert.Equal((233, 10_248, 340_821L), (m.Rows, m.Cols, m.NonZeros));
        Assert.Equal(m.Rows, TermDocumentFiles.ReadLines(Path.Combine(samples, "sotu-documents.txt")).Length);
        string[] terms = TermDocumentFiles.ReadLines(Path.Combine(samples, "sotu-vocabulary.txt"));
        Assert.Equal(m.Cols, terms.Length);
        Assert.Equal(terms.Order(StringComparer.Ordinal), terms);
        string readme = File.ReadAllText(Path.Combine(samples, "README.md"));
        Assert.Contains("233 documents", readme);
        Assert.Contains("10,248 terms", readme);
        Assert.Contains("340,821 nonzeros", readme);
        if (SharedTexts() is not string texts) return;
        CsrMatrix rebuilt = TermDocumentBuilder.Build(TermDocumentFiles.ReadDirectory(texts), 5).Counts;
        Assert.Equal(m.RowOffsets, rebuilt.RowOffsets);
        Assert.Equal(m.ColumnIndices, rebuilt.ColumnIndices);
        Assert.Equal(m.Values, rebuilt.Values);
    }

    private static string? SharedTexts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "data", "sotu");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
