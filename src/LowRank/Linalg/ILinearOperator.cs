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

    /// <summary>‖A‖_F², exactly (one pass over the stored entries): the total energy Σσᵢ² that shares of energy refer to.</summary>
    double SquaredFrobeniusNorm();
}
