namespace LowRank.IO;

/// <summary>
/// How to read a file whose name does not say everything: <see cref="Ratings"/> reads a .csv/.tsv/.txt as
/// <c>user item rating</c> lines (a sparse users × items matrix) instead of a table of numbers;
/// <see cref="ZeroBased"/> reads svmlight indices as counting from 0 instead of 1; <see cref="Text"/> says how to read a
/// text file (delimiter, decimal comma).
/// </summary>
public sealed record MatrixReadOptions(bool Ratings = false, bool ZeroBased = false, TextReadOptions? Text = null);
