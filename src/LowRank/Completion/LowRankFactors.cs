using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// L = U·diag(S)·Vᵀ with U m×r and V n×r (column-major) — the iterate of the impute methods, kept in factored form
/// so that it is never formed densely inside the loop. r may be 0 (L = 0). U and V have orthonormal columns except
/// in an <see cref="Extrapolate"/>d combination.
/// </summary>
internal sealed record LowRankFactors(Matrix U, double[] S, Matrix V)
{
    public int Rank => S.Length;

    public static LowRankFactors Zero(int rows, int cols) => new(new Matrix(rows, 0), [], new Matrix(cols, 0));

    /// <summary>L_ij = Σ_f U_if·S_f·V_jf.</summary>
    public double Entry(int i, int j)
    {
        double sum = 0;
        for (int f = 0; f < S.Length; f++) sum += U.Data[i + f * U.Rows] * S[f] * V.Data[j + f * V.Rows];
        return sum;
    }

    /// <summary>‖L‖_F² = Σ S_f² (valid for orthonormal U and V).</summary>
    public double NormSquared() => S.Sum(s => s * s);

    /// <summary>
    /// ‖A − B‖_F² without the cancellation of ‖A‖² + ‖B‖² − 2⟨A, B⟩ (which loses half the digits just when A ≈ B,
    /// at convergence): A − B = [U_A·D_A, −U_B·D_B]·[V_A, V_B]ᵀ = X·Yᵀ; with Householder QR X = Q_X·R_X, Y = Q_Y·R_Y,
    /// ‖X·Yᵀ‖_F = ‖R_X·R_Yᵀ‖_F. When r_A + r_B exceeds min(m, n) the difference is formed densely.
    /// </summary>
    public static double DifferenceNormSquared(LowRankFactors a, LowRankFactors b, ILinalgBackend backend)
    {
        int m = a.U.Rows, n = a.V.Rows, r = a.Rank + b.Rank;
        if (r == 0) return 0;
        if (r > Math.Min(m, n))
        {
            var d = a.ToDense(backend);
            var e = b.ToDense(backend);
            double sum = 0;
            for (int p = 0; p < d.Data.Length; p++) sum += (d.Data[p] - e.Data[p]) * (d.Data[p] - e.Data[p]);
            return sum;
        }
        var x = new Matrix(m, r);
        var y = new Matrix(n, r);
        for (int f = 0; f < r; f++)
        {
            var (source, index, sign) = f < a.Rank ? (a, f, 1.0) : (b, f - a.Rank, -1.0);
            for (int i = 0; i < m; i++) x[i, f] = sign * source.S[index] * source.U[i, index];
            for (int j = 0; j < n; j++) y[j, f] = source.V[j, index];
        }
        var rx = backend.Multiply(backend.OrthonormalColumns(x.Clone()), x, transA: true);
        var ry = backend.Multiply(backend.OrthonormalColumns(y.Clone()), y, transA: true);
        var product = backend.Multiply(rx, ry, transB: true);
        return product.Data.Sum(v => v * v);
    }

    /// <summary>(1 + β)·A − β·B, of rank ≤ r_A + r_B, as the concatenated factors [U_A, U_B], [(1 + β)S_A, −βS_B], [V_A, V_B].</summary>
    public static LowRankFactors Extrapolate(LowRankFactors a, LowRankFactors b, double beta)
    {
        static Matrix Join(Matrix x, Matrix y) => new(x.Rows, x.Cols + y.Cols, [.. x.Data, .. y.Data]);
        return new LowRankFactors(Join(a.U, b.U), [.. a.S.Select(s => (1 + beta) * s), .. b.S.Select(s => -beta * s)], Join(a.V, b.V));
    }

    /// <summary>The dense m×n matrix L.</summary>
    public Matrix ToDense(ILinalgBackend backend)
    {
        if (Rank == 0) return new Matrix(U.Rows, V.Rows);
        var us = U.Clone();
        for (int f = 0; f < Rank; f++)
            foreach (ref double x in us.Column(f)) x *= S[f];
        return backend.Multiply(us, V, transB: true);
    }
}
