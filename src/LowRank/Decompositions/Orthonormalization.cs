using System.Buffers;
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
    /// An m×n Q (m ≥ n) with orthonormal columns spanning the columns of Y, which is left unchanged: a copy of Y
    /// orthonormalised by <see cref="OrthonormalizeInPlace"/> (CholeskyQR2, Householder QR when Y is ill-conditioned).
    /// </summary>
    public static Matrix Orthonormalize(Matrix y, ILinalgBackend backend)
    {
        var q = y.Clone();
        OrthonormalizeInPlace(q, backend);
        return q;
    }

    /// <summary>Rows of Y per gemm when <see cref="OrthonormalizeInPlace"/> overwrites Y by Y·R⁻¹: the scratch copy of one chunk stays small (4096 × l).</summary>
    public const int InPlaceChunkRows = 4096;

    /// <summary>
    /// Overwrites Y (m×l, m ≥ l) by Q with orthonormal columns and the same range, and returns R (l×l upper triangular,
    /// Y = Q·R), so that no second m×l matrix is needed (a sketch of a 1,500,000-row matrix at l = 60 is 720 MB; and a
    /// fresh array per call costs its page faults, see docs/benchmarks.md, "Fresh pages and gemm shapes"). CholeskyQR2
    /// (Fukaya, Nakatsukasa, Yanagisawa &amp; Yamamoto, "CholeskyQR2: a simple and communication-avoiding algorithm for
    /// computing a tall-skinny QR factorization", ScalA 2014): twice G = YᵀY = RᵀR, Y ← Y·R⁻¹, all in gemm — about three
    /// times faster than Householder QR (dgeqrf + dorgqr) on 4000×110 — with R = R₂·R₁, each pass Y ← Y·R⁻¹ formed a chunk
    /// of <see cref="InPlaceChunkRows"/> rows at a time through a small pooled scratch copy. It is accurate while
    /// κ(Y) ≲ 10⁸. When the Gram matrix is not positive definite Householder QR of Y takes over; when the first pass is
    /// too far from orthonormal (‖Q₁ᵀQ₁ − I‖_F above <see cref="FirstPassTolerance"/>), Householder QR of Q₁ = Y·R₁⁻¹,
    /// which has the same range (its entries are bounded by κ(Y), so they stay finite), with R = R_H·R₁. Those fallbacks
    /// copy Y once.
    /// </summary>
    public static Matrix OrthonormalizeInPlace(Matrix y, ILinalgBackend backend)
    {
        if (y.Cols > y.Rows) throw new ArgumentException($"OrthonormalizeInPlace needs rows ≥ columns, got {y.Rows}×{y.Cols}");
        var r1 = CholeskyFactor(backend.Multiply(y, y, transA: true), backend);
        if (r1 is null) return HouseholderInPlace(y, backend);
        MultiplyByInverseInPlace(y, r1, backend);
        var gram1 = backend.Multiply(y, y, transA: true);
        var r2 = DistanceFromIdentity(gram1) <= FirstPassTolerance ? CholeskyFactor(gram1, backend) : null;
        if (r2 is null) return backend.Multiply(HouseholderInPlace(y, backend), r1);
        MultiplyByInverseInPlace(y, r2, backend);
        return backend.Multiply(r2, r1);
    }

    /// <summary>
    /// Largest max|r_ii| / min|r_ii| of R₁ (about κ(Y)) for which <see cref="NormalizeInPlace"/> keeps its one pass:
    /// Q₁ is then orthonormal to about κ²·u ≈ 10⁻⁴ (Yamamoto et al. 2015), a basis as well conditioned as the power
    /// iterations need.
    /// </summary>
    public const double NormalizeConditionLimit = 1e6;

    /// <summary>
    /// Overwrites Y by Q₁ = Y·R₁⁻¹ from one CholeskyQR pass (YᵀY = R₁ᵀR₁) and returns R₁: a basis of Y's range that is
    /// orthonormal only to about κ(Y)²·u, which is what the blocks between the power iterations of Halko, Martinsson
    /// &amp; Tropp's Algorithm 4.4 need — a well-conditioned basis of the right range (the normalisation guards against
    /// rounding, as scikit-learn's LU does), while the last Q, which the projection B = QᵀA uses, is orthonormalised by
    /// <see cref="OrthonormalizeInPlace"/>. Half its cost. When the Gram matrix is not positive definite, or R₁'s
    /// diagonal spans more than <see cref="NormalizeConditionLimit"/>, <see cref="OrthonormalizeInPlace"/> takes over.
    /// </summary>
    public static Matrix NormalizeInPlace(Matrix y, ILinalgBackend backend)
    {
        if (y.Cols > y.Rows) throw new ArgumentException($"NormalizeInPlace needs rows ≥ columns, got {y.Rows}×{y.Cols}");
        var r1 = CholeskyFactor(backend.Multiply(y, y, transA: true), backend);
        if (r1 is null || RandomizedSvd.TriangularCondition(r1) > NormalizeConditionLimit) return OrthonormalizeInPlace(y, backend);
        MultiplyByInverseInPlace(y, r1, backend);
        return r1;
    }

    /// <summary>The upper Cholesky factor R of a Gram matrix G = RᵀR (G is overwritten), or null when G is not finite or not numerically positive definite.</summary>
    private static Matrix? CholeskyFactor(Matrix gram, ILinalgBackend backend) =>
        gram.AllFinite() && backend.Cholesky(gram) ? gram : null;

    /// <summary>Y ← Y·R⁻¹ for an upper triangular R, a chunk of rows at a time (R⁻¹ by one small triangular solve, then a gemm per chunk).</summary>
    private static void MultiplyByInverseInPlace(Matrix y, Matrix r, ILinalgBackend backend)
    {
        var rInverse = Matrix.Identity(r.Rows);
        backend.SolveUpperTriangularRight(r, rInverse);
        MultiplyInPlace(y, rInverse, backend);
    }

    /// <summary>Y ← Y·T for a square T (l×l), a chunk of <see cref="InPlaceChunkRows"/> rows at a time through a scratch copy of the chunk (rented from the shared pool: a fresh array would be faulted in page by page on every call).</summary>
    public static void MultiplyInPlace(Matrix y, Matrix t, ILinalgBackend backend)
    {
        int m = y.Rows, l = y.Cols;
        if (t.Rows != l || t.Cols != l) throw new ArgumentException($"T must be {l}×{l}, not {t.Rows}×{t.Cols}");
        var scratch = ArrayPool<double>.Shared.Rent(Math.Min(m, InPlaceChunkRows) * l);
        try
        {
            for (int first = 0; first < m; first += InPlaceChunkRows)
            {
                int count = Math.Min(InPlaceChunkRows, m - first);
                for (int j = 0; j < l; j++) y.Data.AsSpan(first + j * m, count).CopyTo(scratch.AsSpan(j * count, count));
                backend.Gemm(false, false, count, l, l, 1.0, scratch, count, t.Data, l, 0.0, y.Data.AsSpan(first), m);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>Householder QR of Y (dgeqrf + dorgqr on a copy), Q written over Y; returns R = QᵀY.</summary>
    private static Matrix HouseholderInPlace(Matrix y, ILinalgBackend backend)
    {
        var q = backend.OrthonormalColumns(y.Clone());
        var r = backend.Multiply(q, y, transA: true);
        q.Data.CopyTo(y.Data, 0);
        return r;
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
