using LowRank.Linalg.Sparse;

namespace LowRank.Linalg;

/// <summary>Helpers on any <see cref="ILinearOperator"/>.</summary>
public static class LinearOperators
{
    /// <summary>Columns of the identity applied at a time by <see cref="ToDense"/> (bounds its scratch to n·256 doubles).</summary>
    private const int ColumnBlock = 256;

    /// <summary>
    /// The dense m×n matrix of the operator: itself when it is dense, a CSR matrix scattered into place, a centred
    /// operator as its inner matrix's dense form minus the means (O(m·n), where the products below would cost nnz·n on
    /// sparse storage), any other operator as A·[e_j … e_{j+255}] block by block — after checking that the dense matrix
    /// fits in memory.
    /// </summary>
    public static Matrix ToDense(this ILinearOperator a, ILinalgBackend backend)
    {
        if (a is Matrix dense) return dense;
        MemoryBudget.RequireMatrix(a.Rows, a.Cols,
            $"the dense form of the {a.Rows}×{a.Cols} matrix (the exact SVD needs it; the Lanczos and randomized methods compute leading triplets without it)");
        if (a is CsrMatrix csr) return csr.ToDense();
        if (a is CenteredOperator centred) return centred.ToDense(backend);
        var result = new Matrix(a.Rows, a.Cols);
        for (int j0 = 0; j0 < a.Cols; j0 += ColumnBlock)
        {
            int b = Math.Min(ColumnBlock, a.Cols - j0);
            var unit = new Matrix(a.Cols, b);
            for (int t = 0; t < b; t++) unit[j0 + t, t] = 1;
            var columns = a.Multiply(unit, backend);
            columns.Data.AsSpan().CopyTo(result.Data.AsSpan(j0 * a.Rows, b * a.Rows));
        }
        return result;
    }
}
