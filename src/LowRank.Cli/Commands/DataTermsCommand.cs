using System.CommandLine;
using LowRank.Cli.Output;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank data terms DIR -o OUT.npz --vocabulary V.txt --documents D.txt [--min-documents 5]</c>: the term–document
/// count matrix (documents × terms) of a folder of .txt files, as scipy's sparse .npz with its term and document lists.
/// It made the bundled <c>samples/sotu-terms.npz</c> (see samples/README.md).
/// </summary>
internal static class DataTermsCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("directory") { Description = "Folder of plain-text documents (*.txt, one document each)" };
        var output = new Option<string>("--output", "-o") { Description = "The counts, documents × terms, as scipy's sparse .npz", Required = true };
        var vocabulary = new Option<string>("--vocabulary") { Description = "Write the terms here, one per line (column order)", Required = true };
        var documents = new Option<string>("--documents") { Description = "Write the document names here, one per line (row order)", Required = true };
        var minDocuments = new Option<int>("--min-documents") { Description = "Keep a term when it occurs in at least this many documents", DefaultValueFactory = _ => 5 };
        var json = Flags.Json();
        var command = new Command("terms", "Term–document count matrix of a folder of texts (lower case, letters only, English stop words dropped)");
        command.Arguments.Add(directory);
        foreach (Option o in new Option[] { output, vocabulary, documents, minDocuments, json }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(output)!, vocabularyPath = parsed.GetValue(vocabulary)!, documentsPath = parsed.GetValue(documents)!;
            if (!outPath.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException($"{outPath}: the matrix is written as scipy's sparse .npz; use that extension");
            var texts = TermDocumentFiles.ReadDirectory(parsed.GetValue(directory)!);
            var corpus = TermDocumentBuilder.Build(texts, parsed.GetValue(minDocuments));
            TermDocumentFiles.Write(corpus, outPath, vocabularyPath, documentsPath);
            var m = corpus.Counts;
            if (parsed.GetValue(json))
                JsonReport.Write(context.Output, new { Documents = m.Rows, Terms = m.Cols, Nnz = m.NonZeros, m.Density, Output = outPath });
            else
                context.Output.WriteLine($"wrote {outPath}: {m.Rows:N0} documents × {m.Cols:N0} terms, {m.NonZeros:N0} nonzeros ({m.Density:P1} dense); "
                    + $"terms in {vocabularyPath}, documents in {documentsPath}");
            return 0;
        });
        return command;
    }
}
