using LowRank.Linalg;

namespace LowRank.Distributed;

/// <summary>
/// Orthonormal bases of a tall matrix Y whose rows are spread over the processes (each holds its block Yᵣ): the
/// distributed form of <see cref="LowRank.Decompositions.Orthonormalization"/>. Only the ℓ×ℓ Gram matrix crosses the
/// network, one Allreduce per pass.
/// </summary>
public static class DistributedOrthonormalization
{
    /// <summary>
    /// Qᵣ = Yᵣ·R⁻¹ with Q = [Q₀; …; Q_{P−1}] orthonormal, by CholeskyQR2 (Fukaya, Nakatsukasa, Yanagisawa &amp; Yamamoto,
    /// "CholeskyQR2: a simple and communication-avoiding algorithm for computing a tall-skinny QR factorization", ScalA
    /// 2014, Alg. 2): twice G = Σᵣ YᵣᵀYᵣ (local gemm, one Allreduce), G = RᵀR, Yᵣ ← Yᵣ·R⁻¹. When Y is too ill-conditioned
    /// for it (κ(Y) ≳ 10⁸: the Cholesky factorisation fails or the first pass leaves ‖QᵀQ − I‖_F above
    /// <see cref="LowRank.Decompositions.Orthonormalization.FirstPassTolerance"/>), one shifted pass goes first —
    /// shifted CholeskyQR3 (Fukaya, Kannan, Nakatsukasa, Yamamoto &amp; Yanagisawa, "Shifted Cholesky QR for computing
    /// the QR factorization of ill-conditioned matrices", SISC 42(1), 2020, Alg. 4.2, shift s = 11(mn + n(n+1))·u·‖Y‖²,
    /// with ‖Y‖_F² = trace G for ‖Y‖₂²). The Householder fallback of the single-process code would need every row
    /// in one place; this keeps the communication at one ℓ×ℓ Allreduce per pass. Every branch is decided on the
    /// reduced Gram matrix, which is the same on every process, so all processes take the same branch.
    /// Throws <see cref="InvalidInputException"/> when Y is rank-deficient (an exact zero direction defeats even the
    /// shifted pass): the matrix then has rank below ℓ, and a smaller rank or oversampling is the way out (the
    /// exception's <see cref="InvalidInputException.Parameter"/> names the oversampling).
    /// </summary>
    public static Matrix Orthonormalize(Matrix localRows, int totalRows, ICommunicator communicator, ILinalgBackend backend)
    {
        int l = localRows.Cols;
        if (l > totalRows) throw new ArgumentException($"Orthonormalize needs rows ≥ columns, got {totalRows}×{l}");
        var gram = Gram(localRows, communicator, backend);
        var q1 = Pass(localRows, gram, shift: 0, backend);
        if (q1 is not null)
        {
            var gram1 = Gram(q1, communicator, backend);
            if (LowRank.Decompositions.Orthonormalization.DistanceFromIdentity(gram1) <= LowRank.Decompositions.Orthonormalization.FirstPassTolerance)
                return Pass(q1, gram1, 0, backend) ?? throw RankDeficient(totalRows, l);
        }
        double trace = 0;
        for (int j = 0; j < l; j++) trace += gram[j, j];
        double shift = 11.0 * ((double)totalRows * l + (double)l * (l + 1)) * UnitRoundoff * trace;
        var q0 = Pass(localRows, gram, shift, backend) ?? throw RankDeficient(totalRows, l);
        var gram0 = Gram(q0, communicator, backend);
        var qa = Pass(q0, gram0, 0, backend) ?? throw RankDeficient(totalRows, l);
        var gramA = Gram(qa, communicator, backend);
        var q = Pass(qa, gramA, 0, backend) ?? throw RankDeficient(totalRows, l);
        // A zero direction of Y survives every pass as a column of rounding noise: check what came out.
        if (LowRank.Decompositions.Orthonormalization.DistanceFromIdentity(Gram(q, communicator, backend)) > FinalTolerance * l) throw RankDeficient(totalRows, l);
        return q;
    }

    /// <summary>Largest ‖QᵀQ − I‖_F / ℓ accepted after the shifted passes (orthonormal to working precision is ~10⁻¹⁵).</summary>
    private const double FinalTolerance = 1e-8;

    /// <summary>u = 2⁻⁵³, the unit roundoff of double precision.</summary>
    private const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>G = YᵀY = Σᵣ YᵣᵀYᵣ: the local product, then one Allreduce of ℓ² numbers.</summary>
    private static Matrix Gram(Matrix localRows, ICommunicator communicator, ILinalgBackend backend)
    {
        var gram = localRows.Rows == 0 ? new Matrix(localRows.Cols, localRows.Cols) : backend.Multiply(localRows, localRows, transA: true);
        communicator.Allreduce(gram.Data, Reduction.Sum);
        return gram;
    }

    /// <summary>Yᵣ·R⁻¹ with G + sI = RᵀR, or null when that is not numerically positive definite or the result is not finite.</summary>
    private static Matrix? Pass(Matrix localRows, Matrix gram, double shift, ILinalgBackend backend)
    {
        var r = gram.Clone();
        for (int j = 0; j < r.Cols; j++) r[j, j] += shift;
        if (!backend.Cholesky(r)) return null;
        var rInverse = Matrix.Identity(r.Rows);
        backend.SolveUpperTriangularRight(r, rInverse);
        if (!rInverse.AllFinite()) return null;
        return localRows.Rows == 0 ? new Matrix(0, localRows.Cols) : backend.Multiply(localRows, rInverse);
    }

    private static InvalidInputException RankDeficient(int rows, int l) =>
        new($"the {rows}×{l} sketch is rank-deficient (the matrix has rank below {l} = k + oversampling); lower the rank k or the oversampling",
            nameof(LowRank.Decompositions.RandomizedSvdOptions.Oversampling));
}
