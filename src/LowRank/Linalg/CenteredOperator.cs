using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using LowRank.Linalg.Blocked;
using LowRank.Linalg.Sparse;

namespace LowRank.Linalg;

/// <summary>
/// The column-centred operator C = A − 1·μᵀ (μ the column means of A, 1 the m-vector of ones) for PCA without
/// densifying: C·X = A·X − 1·(μᵀX) and Cᵀ·Y = AᵀY − μ·(1ᵀY), each one product with A plus a rank-one correction
/// (the implicit centring of scikit-learn's PCA on sparse input, which its ARPACK solver does the same way).
/// A sparse A stays sparse; only μ (n numbers) is stored besides it.
/// </summary>
public sealed class CenteredOperator : ILinearOperator
{
    private readonly ILinearOperator _inner;

    /// <summary>Centres <paramref name="inner"/> by its column means, computed here by one product Aᵀ·1 / m.</summary>
    public CenteredOperator(ILinearOperator inner, ILinalgBackend backend)
        : this(inner, new WholeRows(inner?.Rows ?? 0), backend)
    {
    }

    /// <summary>
    /// Centres the rows <paramref name="inner"/> of a matrix laid out by <paramref name="layout"/> (a row block of a
    /// distributed matrix) by the column means of the whole matrix: the local sums Aᵣᵀ·1, summed through the layout,
    /// divided by m. The products then centre the local rows, and the layout's sums of them centre the whole matrix.
    /// </summary>
    public CenteredOperator(ILinearOperator inner, IRowLayout layout, ILinalgBackend backend)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (layout.TotalRows == 0) throw new InvalidInputException("cannot centre a matrix with no rows");
        _inner = inner;
        double[] sums;
        if (inner is RowBlockOperator { ElementType: BlockElementType.Float32 } single) sums = ColumnSumsInDouble(single);
        else
        {
            var ones = new Matrix(inner.Rows, 1);
            ones.Data.AsSpan().Fill(1.0);
            sums = inner.MultiplyTransposed(ones, backend).Data;
        }
        layout.Sum(sums);
        _means = sums.Select(s => s / layout.TotalRows).ToArray();
    }

    private readonly double[] _means;

    /// <summary>
    /// Aᵀ·1 of float32 row blocks summed in float64, one pass: their products run in sgemm, whose float32 sums of a
    /// block's rows would lose the digits of means large against the spread (10⁶ ± 1 came out about 0.06 off).
    /// </summary>
    private static double[] ColumnSumsInDouble(RowBlockOperator blocks)
    {
        var sums = new double[blocks.Cols];
        blocks.ForEachBlock((_, _, block) =>
        {
            var values = MemoryMarshal.Cast<byte, float>(block);
            for (int start = 0; start < values.Length; start += sums.Length)
                for (int j = 0; j < sums.Length; j++) sums[j] += values[start + j];
        });
        return sums;
    }

    /// <summary>μ, the mean of each column of A.</summary>
    public IReadOnlyList<double> ColumnMeans => _means;

    public int Rows => _inner.Rows;

    public int Cols => _inner.Cols;

    public long StorageBytes => _inner.StorageBytes + (long)Cols * sizeof(double);

    /// <summary>A·X − 1·(μᵀX).</summary>
    public Matrix Multiply(Matrix x, ILinalgBackend backend)
    {
        var y = _inner.Multiply(x, backend);
        for (int c = 0; c < x.Cols; c++)
        {
            var column = x.Column(c);
            double shift = 0;
            for (int j = 0; j < column.Length; j++) shift += _means[j] * column[j];
            foreach (ref double v in y.Column(c)) v -= shift;
        }
        return y;
    }

    /// <summary>AᵀY − μ·(1ᵀY).</summary>
    public Matrix MultiplyTransposed(Matrix y, ILinalgBackend backend)
    {
        var z = _inner.MultiplyTransposed(y, backend);
        for (int c = 0; c < y.Cols; c++)
        {
            double total = 0;
            foreach (double v in y.Column(c)) total += v;
            var column = z.Column(c);
            for (int j = 0; j < column.Length; j++) column[j] -= _means[j] * total;
        }
        return z;
    }

    /// <summary>
    /// The dense centred matrix A − 1μᵀ: the inner operator's dense form (copied when that is the caller's own matrix)
    /// with each column's mean subtracted. Callers check the memory (<see cref="LinearOperators.ToDense"/>).
    /// </summary>
    internal Matrix ToDense(ILinalgBackend backend)
    {
        var inner = _inner.ToDense(backend);
        var dense = ReferenceEquals(inner, _inner) ? inner.Clone() : inner;
        for (int j = 0; j < dense.Cols; j++) TensorPrimitives.Subtract(dense.Column(j), _means[j], dense.Column(j));
        return dense;
    }

    /// <summary>A·x − 1·(μᵀx) in place, through the inner operator's own vector product.</summary>
    public void MultiplyVector(ReadOnlyMemory<double> x, Memory<double> y, ILinalgBackend backend)
    {
        _inner.MultiplyVector(x, y, backend);
        double shift = TensorPrimitives.Dot<double>(_means, x.Span);
        TensorPrimitives.Subtract(y.Span, shift, y.Span);
    }

    /// <summary>Aᵀy − μ·(1ᵀy) in place, through the inner operator's own vector product.</summary>
    public void MultiplyTransposedVector(ReadOnlyMemory<double> y, Memory<double> z, ILinalgBackend backend)
    {
        _inner.MultiplyTransposedVector(y, z, backend);
        double total = TensorPrimitives.Sum<double>(y.Span);
        TensorPrimitives.MultiplyAdd(_means, -total, z.Span, z.Span);
    }

    /// <summary>
    /// ‖A − 1μᵀ‖_F², summed from the centred entries themselves on dense, row-block and CSR storage (row blocks: one more
    /// pass over them; for CSR: Σ over stored entries of (a_ij − μ_j)² plus (m − nnz_j)·μ_j² for the zeros of each
    /// column), so that large means cost no digits. Other
    /// operators: ‖A‖_F² − m·‖μ‖² (the centred columns sum to zero), accurate to about ε·‖A‖_F² absolute — digits are
    /// lost when the means dominate the spread.
    /// </summary>
    public double SquaredFrobeniusNorm()
    {
        double sum = 0;
        switch (_inner)
        {
            case Matrix dense:
                for (int j = 0; j < dense.Cols; j++)
                    foreach (double v in dense.Column(j)) sum += (v - _means[j]) * (v - _means[j]);
                return sum;
            case RowBlockOperator blocks:
                blocks.ForEachBlock((_, rowCount, block) => sum += blocks.ElementType == BlockElementType.Float64
                    ? CentredSquares(MemoryMarshal.Cast<byte, double>(block))
                    : CentredSquares(MemoryMarshal.Cast<byte, float>(block)));
                return sum;
            case CsrMatrix csr:
                var stored = new long[csr.Cols];
                for (long p = 0; p < csr.NonZeros; p++)
                {
                    int j = csr.ColumnIndices[p];
                    double d = csr.Values[p] - _means[j];
                    sum += d * d;
                    stored[j]++;
                }
                for (int j = 0; j < csr.Cols; j++) sum += (csr.Rows - stored[j]) * _means[j] * _means[j];
                return sum;
            default:
                foreach (double mu in _means) sum += mu * mu;
                return Math.Max(0, _inner.SquaredFrobeniusNorm() - Rows * sum);
        }
    }

    /// <summary>Σ (a_ij − μ_j)² over whole row-major rows of n entries.</summary>
    private double CentredSquares<T>(ReadOnlySpan<T> rows) where T : INumberBase<T>
    {
        double sum = 0;
        for (int start = 0; start < rows.Length; start += _means.Length)
            for (int j = 0; j < _means.Length; j++)
            {
                double d = double.CreateTruncating(rows[start + j]) - _means[j];
                sum += d * d;
            }
        return sum;
    }
}
