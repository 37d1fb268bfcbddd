namespace LowRank.Linalg;

/// <summary>Helpers on any <see cref="ILinearOperator"/>.</summary>
public static class LinearOperators
{
    /// <summary>
    /// The dense m×n matrix of the operator: itself when it is dense, else A·I (one product with the n×n identity),
    /// after checking that the result and the identity fit in memory.
    /// </summary>
    public static Matrix ToDense(this ILinearOperator a, ILinalgBackend backend)
    {
        if (a is Matrix dense) return dense;
        MemoryBudget.RequireMatrix(a.Rows, (long)a.Cols + a.Cols, $"the dense form of a {a.Rows}×{a.Cols} operator");
        return a.Multiply(Matrix.Identity(a.Cols), backend);
    }
}
