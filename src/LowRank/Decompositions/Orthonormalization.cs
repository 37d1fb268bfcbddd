using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// Orthonormal bases of tall thin matrices, as the randomized range finder needs after every product with A.
/// </summary>
public static class Orthonormalization
{
    /// <summary>Largest |QᵀQ − I| accepted from CholeskyQR2 before falling back to Householder QR.</summary>
    public const double OrthogonalityTolerance = 1e-11;

    /// <summary>
    /// An m×n Q (m ≥ n) with orthonormal columns spanning the columns of Y. Uses CholeskyQR2 (Fukaya, Nakatsukasa,
    /// Yanagisawa &amp; Yamamoto, "CholeskyQR2: a simple and communication-avoiding algorithm for computing a tall-skinny
    /// QR factorization", ScalA 2014): twice G = YᵀY, G = RᵀR, Y ← Y·R⁻¹ — two gemm/trsm passes, several times faster
    /// than Householder QR (dgeqrf + dorgqr) on 4000×110. It is accurate to machine precision while κ(Y) ≲ 10⁸; past
    /// that the Cholesky factorisation fails or the check |QᵀQ − I| ≤ 1e-11 does, and Householder QR is used.
    /// Y is destroyed.
    /// </summary>
    public static Matrix Orthonormalize(Matrix y, ILinalgBackend backend)
    {
        if (y.Cols > y.Rows) throw new ArgumentException($"Orthonormalize needs rows ≥ columns, got {y.Rows}×{y.Cols}");
        var copy = y.Clone();
        if (CholeskyQrStep(y, backend) && CholeskyQrStep(y, backend) && IsOrthonormal(y, backend)) return y;
        return backend.OrthonormalColumns(copy);
    }

    /// <summary>One pass Y ← Y·R⁻¹ with YᵀY = RᵀR; false if the Gram matrix is not numerically positive definite.</summary>
    private static bool CholeskyQrStep(Matrix y, ILinalgBackend backend)
    {
        var gram = backend.Multiply(y, y, transA: true);
        if (!backend.Cholesky(gram)) return false;
        backend.SolveUpperTriangularRight(gram, y);
        return y.AllFinite();
    }

    private static bool IsOrthonormal(Matrix q, ILinalgBackend backend)
    {
        var gram = backend.Multiply(q, q, transA: true);
        for (int j = 0; j < gram.Cols; j++)
            for (int i = 0; i < gram.Rows; i++)
                if (Math.Abs(gram[i, j] - (i == j ? 1 : 0)) > OrthogonalityTolerance) return false;
        return true;
    }
}
