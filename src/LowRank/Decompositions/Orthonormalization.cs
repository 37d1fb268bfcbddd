using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// Orthonormal bases of tall thin matrices, as the randomized range finder needs after every product with A.
/// </summary>
public static class Orthonormalization
{
    /// <summary>
    /// Largest ‖Q₁ᵀQ₁ − I‖_F accepted after the first CholeskyQR pass. Below it κ(Q₁) ≤ √3, and the second pass is
    /// then orthonormal to working precision (Yamamoto, Nakatsukasa, Yanagisawa &amp; Fukaya, "Roundoff error analysis
    /// of the CholeskyQR2 algorithm", ETNA 44, 2015).
    /// </summary>
    public const double FirstPassTolerance = 0.5;

    /// <summary>
    /// An m×n Q (m ≥ n) with orthonormal columns spanning the columns of Y, which is left unchanged. Uses CholeskyQR2
    /// (Fukaya, Nakatsukasa, Yanagisawa &amp; Yamamoto, "CholeskyQR2: a simple and communication-avoiding algorithm
    /// for computing a tall-skinny QR factorization", ScalA 2014): twice G = YᵀY = RᵀR, Y ← Y·R⁻¹, all in gemm — about
    /// three times faster than Householder QR (dgeqrf + dorgqr) on 4000×110. It is accurate while κ(Y) ≲ 10⁸; past
    /// that the first Cholesky factorisation fails or leaves ‖Q₁ᵀQ₁ − I‖_F above <see cref="FirstPassTolerance"/>,
    /// and Householder QR is used instead.
    /// </summary>
    public static Matrix Orthonormalize(Matrix y, ILinalgBackend backend) => Orthonormalize(y, backend, null);

    /// <summary>
    /// <see cref="Orthonormalize(Matrix, ILinalgBackend)"/> writing its two CholeskyQR passes into
    /// <paramref name="workspace"/> (two matrices of Y's shape, neither of them Y) instead of new ones, so that an
    /// iteration over a tall Y (the out-of-core range finder) does not leave two m×l matrices of garbage per step. The
    /// result is the second workspace matrix (or, if Householder QR takes over, a new one).
    /// </summary>
    public static Matrix Orthonormalize(Matrix y, ILinalgBackend backend, (Matrix First, Matrix Second)? workspace)
    {
        if (y.Cols > y.Rows) throw new ArgumentException($"Orthonormalize needs rows ≥ columns, got {y.Rows}×{y.Cols}");
        var q1 = CholeskyQrPass(y, backend, null, workspace?.First);
        if (q1 is not null)
        {
            var gram1 = backend.Multiply(q1, q1, transA: true);
            if (DistanceFromIdentity(gram1) <= FirstPassTolerance)
            {
                var q2 = CholeskyQrPass(q1, backend, gram1, workspace?.Second);
                if (q2 is not null) return q2;
            }
        }
        return backend.OrthonormalColumns(y.Clone());
    }

    /// <summary>Y·R⁻¹ with YᵀY = RᵀR, or null when the Gram matrix is not numerically positive definite.</summary>
    private static Matrix? CholeskyQrPass(Matrix y, ILinalgBackend backend, Matrix? knownGram, Matrix? into)
    {
        var gram = knownGram ?? backend.Multiply(y, y, transA: true);
        var r = gram.Clone();
        if (!backend.Cholesky(r)) return null;
        // R⁻¹ from the triangular solve I·R⁻¹ (n×n, cheap), then one gemm: faster than trsm on the tall Y.
        var rInverse = Matrix.Identity(r.Rows);
        backend.SolveUpperTriangularRight(r, rInverse);
        var q = into ?? new Matrix(y.Rows, y.Cols);
        backend.Gemm(false, false, y.Rows, y.Cols, y.Cols, 1.0, y.Data, y.Rows, rInverse.Data, rInverse.Rows, 0.0, q.Data, y.Rows);
        return q.AllFinite() ? q : null;
    }

    /// <summary>‖G − I‖_F: how far a Gram matrix QᵀQ is from orthonormal columns (the CholeskyQR2 acceptance test).</summary>
    public static double DistanceFromIdentity(Matrix gram)
    {
        double sum = 0;
        for (int j = 0; j < gram.Cols; j++)
            for (int i = 0; i < gram.Rows; i++)
            {
                double d = gram[i, j] - (i == j ? 1 : 0);
                sum += d * d;
            }
        return Math.Sqrt(sum);
    }
}
