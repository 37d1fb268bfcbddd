namespace LowRank.Linalg;

/// <summary>
/// The dense kernels LowRank's algorithms need, and nothing more. Two implementations exist:
/// <see cref="OpenBlasBackend"/> (system OpenBLAS/LAPACK through P/Invoke) and <see cref="ManagedBackend"/>
/// (Math.NET Numerics). Both produce the same results within floating-point tolerance.
/// All matrices are column-major; leading dimensions are the row counts of the stored blocks.
/// </summary>
public interface ILinalgBackend
{
    /// <summary>"native" or "managed".</summary>
    string Name { get; }

    /// <summary>The shared library in use, or a description of the managed provider.</summary>
    string Library { get; }

    /// <summary>Threads the kernels may use.</summary>
    int Threads { get; set; }

    /// <summary>C ← α·op(A)·op(B) + β·C with op(A) m×k, op(B) k×n, C m×n (BLAS dgemm).</summary>
    void Gemm(bool transA, bool transB, int m, int n, int k, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc);

    /// <summary>Single-precision <see cref="Gemm(bool,bool,int,int,int,double,ReadOnlySpan{double},int,ReadOnlySpan{double},int,double,Span{double},int)"/> (BLAS sgemm).</summary>
    void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc);

    /// <summary>
    /// Thin SVD A = U·diag(S)·Vᵀ by divide and conquer (LAPACK dgesdd, JOBZ = 'S' or 'N').
    /// <paramref name="a"/> is destroyed. U is m×p, Vᵀ is p×n with p = min(m, n); both null when
    /// <paramref name="computeVectors"/> is false. S is non-negative and non-increasing.
    /// </summary>
    (Matrix? U, double[] S, Matrix? VT) Svd(Matrix a, bool computeVectors);

    /// <summary>An m×n matrix Q with orthonormal columns spanning the columns of A (m ≥ n; LAPACK dgeqrf + dorgqr). A is destroyed.</summary>
    Matrix OrthonormalColumns(Matrix a);

    /// <summary>
    /// Cholesky factorisation G = RᵀR of a symmetric positive definite n×n G, in place: R in the upper triangle,
    /// the strict lower triangle zeroed (LAPACK dpotrf, UPLO = 'U'). Returns false, leaving G undefined, when G is
    /// not numerically positive definite.
    /// </summary>
    bool Cholesky(Matrix g);

    /// <summary>Y ← Y·R⁻¹ for an m×n Y and an upper-triangular n×n R (BLAS dtrsm, SIDE = 'R', UPLO = 'U').</summary>
    void SolveUpperTriangularRight(Matrix r, Matrix y);

    /// <summary>Eigenvalues in ascending order and orthonormal eigenvectors of a symmetric A (LAPACK dsyevd). A is destroyed.</summary>
    (double[] Values, Matrix Vectors) SymmetricEigen(Matrix a);
}
