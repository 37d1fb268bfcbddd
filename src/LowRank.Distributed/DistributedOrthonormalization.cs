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
    /// Overwrites each process's Yᵣ by Qᵣ = Yᵣ·R⁻¹, with Q = [Q₀; …; Q_{P−1}] orthonormal, and returns R (ℓ×ℓ upper
    /// triangular, Y = Q·R, the same bits on every process), by CholeskyQR2 (Fukaya, Nakatsukasa, Yanagisawa &amp;
    /// Yamamoto, "CholeskyQR2: a simple and communication-avoiding algorithm for computing a tall-skinny QR
    /// factorization", ScalA 2014, Alg. 2): twice G = Σᵣ YᵣᵀYᵣ (local gemm, one Allreduce), G = RᵀR, Yᵣ ← Yᵣ·R⁻¹ (in
    /// place, <see cref="LowRank.Decompositions.Orthonormalization.MultiplyInPlace"/>), R = R₂·R₁. When Y is too
    /// ill-conditioned for it (κ(Y) ≳ 10⁸: the Cholesky factorisation fails or the first pass leaves ‖QᵀQ − I‖_F above
    /// <see cref="LowRank.Decompositions.Orthonormalization.FirstPassTolerance"/>), shifted CholeskyQR3 (Fukaya, Kannan,
    /// Nakatsukasa, Yamamoto &amp; Yanagisawa, "Shifted Cholesky QR for computing the QR factorization of ill-conditioned
    /// matrices", SISC 42(1), 2020, Alg. 4.2, shift s = 11(mn + n(n+1))·u·‖Y‖², with ‖Y‖_F² = trace G for ‖Y‖₂²) runs on
    /// what the rows then hold — Y, or Q₁ = Y·R₁⁻¹, which has the same range and is better conditioned — and R gains its
    /// three factors. The Householder fallback of the single-process code would need every row in one place; this keeps
    /// the communication at one ℓ×ℓ Allreduce per pass. Every branch is decided on the reduced Gram matrix, which is the
    /// same on every process, so all processes take the same branch. Throws <see cref="InvalidInputException"/> when Y
    /// is rank-deficient (an exact zero direction defeats even the shifted pass): the matrix then has rank below ℓ, and a
    /// smaller rank or oversampling is the way out (the exception's <see cref="InvalidInputException.Parameter"/> names
    /// the oversampling).
    /// </summary>
    public static Matrix OrthonormalizeInPlace(Matrix localRows, int totalRows, ICommunicator communicator, ILinalgBackend backend)
    {
        int l = localRows.Cols;
        if (l > totalRows) throw new ArgumentException($"OrthonormalizeInPlace needs rows ≥ columns, got {totalRows}×{l}");
        var gram = Gram(localRows, communicator, backend);
        var r1 = Pass(localRows, gram, shift: 0, backend);
        if (r1 is not null)
        {
            gram = Gram(localRows, communicator, backend);
            if (LowRank.Decompositions.Orthonormalization.DistanceFromIdentity(gram) <= LowRank.Decompositions.Orthonormalization.FirstPassTolerance)
                return backend.Multiply(Pass(localRows, gram, 0, backend) ?? throw RankDeficient(totalRows, l), r1);
        }
        double trace = 0;
        for (int j = 0; j < l; j++) trace += gram[j, j];
        double shift = 11.0 * ((double)totalRows * l + (double)l * (l + 1)) * UnitRoundoff * trace;
        var r = Pass(localRows, gram, shift, backend) ?? throw RankDeficient(totalRows, l);
        for (int pass = 0; pass < 2; pass++)
            r = backend.Multiply(Pass(localRows, Gram(localRows, communicator, backend), 0, backend) ?? throw RankDeficient(totalRows, l), r);
        // A zero direction of Y survives every pass as a column of rounding noise: check what came out.
        if (LowRank.Decompositions.Orthonormalization.DistanceFromIdentity(Gram(localRows, communicator, backend)) > FinalTolerance * l) throw RankDeficient(totalRows, l);
        return r1 is null ? r : backend.Multiply(r, r1);
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

    /// <summary>
    /// Yᵣ ← Yᵣ·R⁻¹ in place with G + sI = RᵀR, returning R; null, with Yᵣ untouched, when G + sI is not numerically
    /// positive definite or R⁻¹ is not finite.
    /// </summary>
    private static Matrix? Pass(Matrix localRows, Matrix gram, double shift, ILinalgBackend backend)
    {
        var r = gram.Clone();
        for (int j = 0; j < r.Cols; j++) r[j, j] += shift;
        if (!backend.Cholesky(r)) return null;
        var rInverse = Matrix.Identity(r.Rows);
        backend.SolveUpperTriangularRight(r, rInverse);
        if (!rInverse.AllFinite()) return null;
        if (localRows.Rows > 0) LowRank.Decompositions.Orthonormalization.MultiplyInPlace(localRows, rInverse, backend);
        return r;
    }

    private static InvalidInputException RankDeficient(int rows, int l) =>
        new($"the {rows}×{l} sketch is rank-deficient (the matrix has rank below {l} = k + oversampling); lower the rank k or the oversampling",
            nameof(LowRank.Decompositions.RandomizedSvdOptions.Oversampling));
}
