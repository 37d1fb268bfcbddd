using LowRank.Linalg;
using LowRank.Statistics;

namespace LowRank.SingularValueLearning;

/// <summary>
/// The data preparation of SV-Learn (Xu, Shiao, Chen, Papalexakis, "SV-Learn: Learning Matrix Singular Values with
/// Neural Networks", ICDM Workshops, §IV-A): every m×n window of a larger matrix, moved by a stride, becomes one sample. With Spambase
/// (4,600 rows × 58 columns) and 32×32 windows at stride 1 this gives (4,600 − 31)·(58 − 31) = 123,363 windows, the
/// paper's 104,858 + 18,505.
/// </summary>
public static class Windows
{
    /// <summary>
    /// All m×n windows of <paramref name="source"/> whose top-left corners are at rows 0, s, 2s, … and columns 0, s, 2s, …,
    /// ordered row origin first (so windows with the same row origin are adjacent); <paramref name="originRows"/> gets each
    /// window's first row (what the leakage-free split needs).
    /// </summary>
    public static MatrixStack Extract(Matrix source, int m, int n, int stride, out int[] originRows)
    {
        long count = Count(source.Rows, source.Cols, m, n, stride);
        int across = (source.Cols - n) / stride + 1, down = (int)(count / across);
        if (count * m * n > Array.MaxLength) throw new InvalidInputException($"{count:N0} windows of {m}×{n} are too many for one array");
        var data = new float[count * m * n];
        originRows = new int[count];
        int k = 0;
        for (int r = 0; r < down; r++)
            for (int c = 0; c < across; c++, k++)
            {
                int row0 = r * stride, col0 = c * stride;
                originRows[k] = row0;
                var target = data.AsSpan(k * m * n, m * n);
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                        target[i * n + j] = (float)source[row0 + i, col0 + j];
            }
        return new MatrixStack((int)count, m, n, data);
    }

    /// <summary>
    /// The m×n windows at stride s of every matrix of a stack, cut as <see cref="Extract"/> cuts one matrix, matrix by
    /// matrix; <paramref name="sources"/> gets the index of the matrix each window came from, so that a split can keep
    /// all windows of one image on the same side (<see cref="DatasetSplit.ByGroup"/>).
    /// </summary>
    public static MatrixStack ExtractEach(MatrixStack matrices, int m, int n, int stride, out int[] sources)
    {
        long each = Count(matrices.Rows, matrices.Cols, m, n, stride), count = each * matrices.Count;
        if (count * m * n > Array.MaxLength) throw new InvalidInputException($"{count:N0} windows of {m}×{n} are too many for one array");
        int across = (matrices.Cols - n) / stride + 1, down = (int)(each / across);
        var data = new float[count * m * n];
        sources = new int[count];
        int k = 0;
        for (int source = 0; source < matrices.Count; source++)
        {
            var flat = matrices.Flat(source);
            for (int r = 0; r < down; r++)
                for (int c = 0; c < across; c++, k++)
                {
                    sources[k] = source;
                    var target = data.AsSpan(k * m * n, m * n);
                    for (int i = 0; i < m; i++)
                        flat.Slice((r * stride + i) * matrices.Cols + c * stride, n).CopyTo(target.Slice(i * n, n));
                }
        }
        return new MatrixStack((int)count, m, n, data);
    }

    /// <summary>The number of m×n windows at stride s in a rows×cols matrix: (⌊(rows − m)/s⌋ + 1)·(⌊(cols − n)/s⌋ + 1).</summary>
    public static long Count(int rows, int cols, int m, int n, int stride)
    {
        if (m < 1 || n < 1) throw new InvalidInputException($"the window must be at least 1×1, not {m}×{n}");
        if (stride < 1) throw new InvalidInputException($"the stride must be at least 1, not {stride}");
        if (m > rows || n > cols) throw new InvalidInputException($"a {m}×{n} window does not fit in a {rows}×{cols} matrix");
        return (long)((rows - m) / stride + 1) * ((cols - n) / stride + 1);
    }

    /// <summary>
    /// Columns z-scored: each column minus its mean, divided by its standard deviation (population, ddof = 0, as numpy's
    /// <c>std</c>); a constant column becomes zeros. The scale on which the paper's Spambase MAE (1.00) fits.
    /// </summary>
    public static Matrix StandardizeColumns(Matrix source)
    {
        var result = new Matrix(source.Rows, source.Cols);
        for (int j = 0; j < source.Cols; j++)
        {
            var column = source.Column(j);
            var moments = RunningMoments.Of(column);
            double mean = moments.Mean, std = moments.StandardDeviation;
            var target = result.Column(j);
            for (int i = 0; i < column.Length; i++) target[i] = std > 0 ? (column[i] - mean) / std : 0;
        }
        return result;
    }
}
