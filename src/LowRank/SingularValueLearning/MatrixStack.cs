using LowRank.Linalg;

namespace LowRank.SingularValueLearning;

/// <summary>
/// <see cref="Count"/> matrices of <see cref="Rows"/> × <see cref="Cols"/> in one float32 array, each flattened
/// row-major (PyTorch's <c>flatten</c> order, the input layout of the SV-Learn network): entry (i, j) of matrix k lives at
/// <c>Data[k·m·n + i·n + j]</c>. float32 because the networks train in float32; the labels are the exact singular values
/// of these stored float32 matrices (computed in float64).
/// </summary>
public sealed class MatrixStack
{
    public MatrixStack(int count, int rows, int cols, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        if (data.Length != (long)count * rows * cols)
            throw new ArgumentException($"{data.Length} values do not make {count} matrices of {rows}×{cols}");
        Count = count;
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    public int Count { get; }

    public int Rows { get; }

    public int Cols { get; }

    /// <summary>Entries per matrix, m·n.</summary>
    public int Size => Rows * Cols;

    public float[] Data { get; }

    /// <summary>Matrix <paramref name="k"/>, flattened row-major.</summary>
    public ReadOnlySpan<float> Flat(int k) => Data.AsSpan(k * Size, Size);

    /// <summary>Matrix <paramref name="k"/> as a column-major float64 <see cref="Matrix"/> (a copy).</summary>
    public Matrix ToMatrix(int k)
    {
        var flat = Flat(k);
        var m = new Matrix(Rows, Cols);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Cols; j++)
                m[i, j] = flat[i * Cols + j];
        return m;
    }

    /// <summary>The matrices with the given indices, in that order (a copy).</summary>
    public MatrixStack Select(IReadOnlyList<int> indices)
    {
        var data = new float[(long)indices.Count * Size];
        for (int r = 0; r < indices.Count; r++) Flat(indices[r]).CopyTo(data.AsSpan(r * Size, Size));
        return new MatrixStack(indices.Count, Rows, Cols, data);
    }

    /// <summary>
    /// A stack from row-major values of <paramref name="count"/> matrices, e.g. an IDX image file (N×m×n) or the rows of
    /// an N×(m·n) array.
    /// </summary>
    public static MatrixStack FromValues(int count, int rows, int cols, ReadOnlySpan<double> rowMajor)
    {
        if (rowMajor.Length != (long)count * rows * cols)
            throw new InvalidInputException($"{rowMajor.Length} values do not make {count} matrices of {rows}×{cols}");
        var data = new float[rowMajor.Length];
        for (int i = 0; i < data.Length; i++) data[i] = (float)rowMajor[i];
        return new MatrixStack(count, rows, cols, data);
    }
}
