using LowRank.Linalg;

namespace LowRank.IO;

/// <summary>
/// A matrix read from a file. Missing entries (empty, <c>?</c>, <c>NA</c>, <c>NaN</c> in text files; NaN in binary ones)
/// are NaN in <see cref="Values"/>; <see cref="MissingCount"/> counts them and <see cref="FirstMissingLocation"/> says
/// where the first one is (for example "line 3, column 2"), or is null when nothing is missing.
/// </summary>
public sealed record MatrixData(Matrix Values, int MissingCount, string? FirstMissingLocation)
{
    /// <summary>What the reader decided that the user should know (e.g. a dropped pandas index column), one line each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
