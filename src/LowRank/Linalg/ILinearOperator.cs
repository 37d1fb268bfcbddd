namespace LowRank.Linalg;

/// <summary>
/// An m×n real matrix known only through its products with blocks of vectors, as scipy's
/// <c>sparse.linalg.LinearOperator</c> and R's irlba see it. Every truncated-SVD algorithm takes this interface,
/// so storage (dense, sparse CSR, centred or scaled wrappers, out of core, distributed) is an implementation detail.
/// Blocks are dense column-major <see cref="Matrix"/> values with one column per vector.
/// </summary>
public interface ILinearOperator
{
    /// <summary>m, the length of A·x.</summary>
    int Rows { get; }

    /// <summary>n, the length of Aᵀ·y.</summary>
    int Cols { get; }

    /// <summary>Bytes the operator holds in memory (its storage, not the blocks it is applied to).</summary>
    long StorageBytes { get; }

    /// <summary>Y = A·X for an n×b block X; Y is m×b.</summary>
    Matrix Multiply(Matrix x, ILinalgBackend backend);

    /// <summary>Z = Aᵀ·Y for an m×b block Y; Z is n×b.</summary>
    Matrix MultiplyTransposed(Matrix y, ILinalgBackend backend);

    /// <summary>
    /// y = A·x for one vector (length n into length m), written in place: the step of a Lanczos recurrence, which
    /// storage with a direct kernel overrides to avoid the block's copies. The default goes through <see cref="Multiply"/>.
    /// </summary>
    void MultiplyVector(ReadOnlyMemory<double> x, Memory<double> y, ILinalgBackend backend) =>
        Multiply(new Matrix(Cols, 1, x.ToArray()), backend).Data.CopyTo(y);

    /// <summary>z = Aᵀ·y for one vector (length m into length n), written in place; the default goes through <see cref="MultiplyTransposed"/>.</summary>
    void MultiplyTransposedVector(ReadOnlyMemory<double> y, Memory<double> z, ILinalgBackend backend) =>
        MultiplyTransposed(new Matrix(Rows, 1, y.ToArray()), backend).Data.CopyTo(z);

    /// <summary>‖A‖_F², exactly (one pass over the stored entries): the total energy Σσᵢ² that shares of energy refer to.</summary>
    double SquaredFrobeniusNorm();
}
