namespace LowRank.SingularValueLearning;

/// <summary>
/// An SV-Learn data set: the matrices, their exact singular values (row-major N × <see cref="Outputs"/>), and, for
/// windows of one larger matrix, each window's first source row (null for a set of separate images), which the
/// leakage-free split needs.
/// </summary>
public sealed record SvDataset(string Name, MatrixStack Matrices, double[] Labels, int[]? OriginRows)
{
    /// <summary>Singular values per matrix, min(m, n).</summary>
    public int Outputs => Math.Min(Matrices.Rows, Matrices.Cols);

    public int Count => Matrices.Count;

    /// <summary>The singular values of matrix <paramref name="k"/>.</summary>
    public ReadOnlySpan<double> Sigma(int k) => Labels.AsSpan(k * Outputs, Outputs);
}
