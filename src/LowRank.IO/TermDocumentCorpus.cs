using LowRank.Linalg.Sparse;

namespace LowRank.IO;

/// <summary>
/// A term–document count matrix, documents × terms (the orientation of scikit-learn's <c>CountVectorizer</c>):
/// <c>Counts[d, t]</c> is how often term <c>Terms[t]</c> occurs in document <c>Documents[d]</c>.
/// </summary>
public sealed record TermDocumentCorpus(CsrMatrix Counts, IReadOnlyList<string> Documents, IReadOnlyList<string> Terms);
