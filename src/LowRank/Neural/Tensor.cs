using System.Numerics;

namespace LowRank.Neural;

/// <summary>
/// A row-major batch, <see cref="Rows"/> samples × <see cref="Cols"/> features, over a reusable buffer: entry (i, j)
/// lives at <c>Data[i * Cols + j]</c>. Read column-major, the same storage is the transposed batch (features ×
/// samples), which is how the layers hand it to BLAS. <see cref="Resize"/> changes the row count without allocating
/// while it fits the <see cref="Capacity"/>, so a training loop allocates once for its largest batch.
/// </summary>
public sealed class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _data;

    public Tensor(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Cols = cols;
        Rows = rows;
        _data = new T[checked(rows * cols)];
    }

    /// <summary>Wraps (does not copy) a row-major array of length rows × cols.</summary>
    public Tensor(int rows, int cols, T[] rowMajor)
    {
        if (rowMajor.Length != (long)rows * cols)
            throw new ArgumentException($"storage has {rowMajor.Length} entries, a {rows}×{cols} tensor needs {(long)rows * cols}");
        Rows = rows;
        Cols = cols;
        _data = rowMajor;
    }

    /// <summary>The number of samples in the batch.</summary>
    public int Rows { get; private set; }

    /// <summary>The number of features per sample.</summary>
    public int Cols { get; }

    /// <summary>The rows the buffer holds without reallocating.</summary>
    public int Capacity => Cols == 0 ? int.MaxValue : _data.Length / Cols;

    /// <summary>The whole buffer; only the first <see cref="Rows"/> × <see cref="Cols"/> entries are in use.</summary>
    public T[] Data => _data;

    /// <summary>The entries in use.</summary>
    public Span<T> Span => _data.AsSpan(0, Rows * Cols);

    /// <summary>Row <paramref name="i"/>.</summary>
    public Span<T> Row(int i) => _data.AsSpan(i * Cols, Cols);

    public T this[int i, int j]
    {
        get => _data[i * Cols + j];
        set => _data[i * Cols + j] = value;
    }

    /// <summary>Sets the row count, growing the buffer only when it does not fit; kept entries are unspecified.</summary>
    public void Resize(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (rows > Capacity) _data = new T[checked(rows * Cols)];
        Rows = rows;
    }

    /// <summary>
    /// A rows × cols buffer: <paramref name="buffer"/> resized (<see cref="Resize"/>) when it has <paramref name="cols"/>
    /// columns, a new tensor otherwise. How the modules and losses keep one output buffer across batches.
    /// </summary>
    internal static Tensor<T> Reuse(Tensor<T>? buffer, int rows, int cols)
    {
        if (buffer is null || buffer.Cols != cols) return new Tensor<T>(rows, cols);
        buffer.Resize(rows);
        return buffer;
    }

    /// <summary>A row-major copy of a column-major double matrix, converted to T.</summary>
    public static Tensor<T> FromMatrix(Linalg.Matrix m)
    {
        var t = new Tensor<T>(m.Rows, m.Cols);
        for (int i = 0; i < m.Rows; i++)
            for (int j = 0; j < m.Cols; j++)
                t._data[i * m.Cols + j] = T.CreateChecked(m[i, j]);
        return t;
    }

    /// <summary>The tensor as a column-major double matrix (a copy).</summary>
    public Linalg.Matrix ToMatrix()
    {
        var m = new Linalg.Matrix(Rows, Cols);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Cols; j++)
                m[i, j] = double.CreateChecked(_data[i * Cols + j]);
        return m;
    }
}
