namespace LowRank.Linalg;

/// <summary>
/// Aᵀ seen as an operator, with no data moved: its products are the wrapped operator's products swapped. Used for a
/// matrix stored column by column (a Fortran-order .npy), which is the row-by-row storage of its transpose.
/// </summary>
public sealed class TransposedOperator(ILinearOperator inner) : ILinearOperator
{
    /// <summary>The operator A whose transpose this is.</summary>
    public ILinearOperator Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public int Rows => Inner.Cols;

    public int Cols => Inner.Rows;

    public long StorageBytes => Inner.StorageBytes;

    /// <summary>Aᵀ·X = the inner operator's transposed product.</summary>
    public Matrix Multiply(Matrix x, ILinalgBackend backend) => Inner.MultiplyTransposed(x, backend);

    /// <summary>(Aᵀ)ᵀ·Y = A·Y.</summary>
    public Matrix MultiplyTransposed(Matrix y, ILinalgBackend backend) => Inner.Multiply(y, backend);

    public double SquaredFrobeniusNorm() => Inner.SquaredFrobeniusNorm();
}
