using LowRank.Linalg.Sparse;

namespace LowRank.IO;

/// <summary>
/// Builds a term–document count matrix from plain texts, the input of latent semantic analysis (Deerwester et al.
/// 1990): each text is lower-cased and split into runs of the letters a–z (digits, punctuation and apostrophes
/// separate words, so "nation's" gives "nation" and "s"); words of one letter and the
/// <see cref="EnglishStopWords"/> are dropped; a term is kept when it occurs in at least <c>minDocuments</c>
/// documents. Terms are sorted alphabetically (ordinal); documents keep the order given.
/// </summary>
public static class TermDocumentBuilder
{
    public static TermDocumentCorpus Build(IReadOnlyList<(string Name, string Text)> documents, int minDocuments)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (minDocuments < 1) throw new InvalidInputException($"the minimum document count must be at least 1, not {minDocuments}");
        var counts = documents.Select(d => Count(d.Text)).ToArray();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in counts)
            foreach (string term in c.Keys)
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        string[] terms = [.. documentFrequency.Where(p => p.Value >= minDocuments).Select(p => p.Key).Order(StringComparer.Ordinal)];
        var column = new Dictionary<string, int>(terms.Length, StringComparer.Ordinal);
        for (int t = 0; t < terms.Length; t++) column[terms[t]] = t;
        var rows = new List<int>();
        var cols = new List<int>();
        var values = new List<double>();
        for (int d = 0; d < counts.Length; d++)
            foreach (var (term, n) in counts[d])
                if (column.TryGetValue(term, out int t))
                {
                    rows.Add(d);
                    cols.Add(t);
                    values.Add(n);
                }
        if (documents.Count == 0 || terms.Length == 0)
            throw new InvalidInputException($"no term occurs in {minDocuments} of the {documents.Count} documents; the matrix would be empty");
        var matrix = CsrMatrix.FromCoordinates(documents.Count, terms.Length, rows.ToArray(), cols.ToArray(), values.ToArray());
        return new TermDocumentCorpus(matrix, [.. documents.Select(d => d.Name)], terms);
    }

    /// <summary>The words of a text with their counts, after lower-casing, splitting on non-letters and dropping stop words and single letters.</summary>
    public static Dictionary<string, int> Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string lower = text.ToLowerInvariant();
        int k = 0;
        while (k < lower.Length)
        {
            while (k < lower.Length && lower[k] is not (>= 'a' and <= 'z')) k++;
            int start = k;
            while (k < lower.Length && lower[k] is >= 'a' and <= 'z') k++;
            if (k - start < 2) continue;
            string word = lower[start..k];
            if (!EnglishStopWords.Words.Contains(word)) counts[word] = counts.GetValueOrDefault(word) + 1;
        }
        return counts;
    }
}
