using LowRank.Linalg;

namespace LowRank.Decompositions;

/// <summary>
/// The sign rule applied on every SVD path, so that results do not depend on the method or the backend: scikit-learn's
/// <c>svd_flip</c> with <c>u_based_decision=True</c> — each column of U has its entry of largest magnitude positive
/// (the first such entry on a tie), and the matching row of Vᵀ is flipped with it, which leaves U·Σ·Vᵀ unchanged.
/// </summary>
public static class SignConvention
{
    /// <summary>Flips, in place, the columns of <paramref name="u"/> and rows of <paramref name="vt"/> the rule asks for.</summary>
    public static void Apply(Matrix u, Matrix vt)
    {
        if (u.Cols != vt.Rows) throw new ArgumentException($"U has {u.Cols} columns but Vᵀ has {vt.Rows} rows");
        for (int j = 0; j < u.Cols; j++)
        {
            var column = u.Column(j);
            int largest = 0;
            for (int i = 1; i < column.Length; i++)
                if (Math.Abs(column[i]) > Math.Abs(column[largest])) largest = i;
            if (column.Length == 0 || column[largest] >= 0) continue;
            foreach (ref double x in column) x = -x;
            for (int c = 0; c < vt.Cols; c++) vt[j, c] = -vt[j, c];
        }
    }
}
