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
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner.Rows == 0) throw new InvalidInputException("cannot centre a matrix with no rows");
        _inner = inner;
        var ones = new Matrix(inner.Rows, 1);
        ones.Data.AsSpan().Fill(1.0);
        var sums = inner.MultiplyTransposed(ones, backend).Data;
        ColumnMeans = sums.Select(s => s / inner.Rows).ToArray();
    }

    /// <summary>μ, the mean of each column of A.</summary>
    public IReadOnlyList<double> ColumnMeans { get; }

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
            for (int j = 0; j < column.Length; j++) shift += ColumnMeans[j] * column[j];
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
            for (int j = 0; j < column.Length; j++) column[j] -= ColumnMeans[j] * total;
        }
        return z;
    }

    /// <summary>
    /// ‖A − 1μᵀ‖_F² = ‖A‖_F² − m·‖μ‖² (the columns of the centred matrix sum to zero). The subtraction loses digits
    /// when the means dominate the spread: the result is accurate to about ε·‖A‖_F² absolute.
    /// </summary>
    public double SquaredFrobeniusNorm()
    {
        double meanSquares = 0;
        foreach (double mu in ColumnMeans) meanSquares += mu * mu;
        return Math.Max(0, _inner.SquaredFrobeniusNorm() - Rows * meanSquares);
    }
}
