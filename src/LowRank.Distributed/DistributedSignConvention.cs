using LowRank.Linalg;

namespace LowRank.Distributed;

/// <summary>
/// <see cref="LowRank.Decompositions.SignConvention"/> (scikit-learn's <c>svd_flip</c>, U-based) on a U held by rows:
/// each column of U gets its entry of largest magnitude positive, the first such entry of the whole column on a tie —
/// the same flips as on one process, decided from one AllGather of 2k numbers per process.
/// </summary>
public static class DistributedSignConvention
{
    /// <summary>Flips, in place on every process, the columns of <paramref name="localU"/> and rows of <paramref name="vt"/> the rule asks for.</summary>
    public static void Apply(Matrix localU, Matrix vt, ICommunicator communicator)
    {
        int k = localU.Cols;
        if (k != vt.Rows) throw new ArgumentException($"U has {k} columns but Vᵀ has {vt.Rows} rows");
        var mine = new double[2 * k];
        for (int j = 0; j < k; j++)
        {
            var column = localU.Column(j);
            int largest = 0;
            for (int i = 1; i < column.Length; i++)
                if (Math.Abs(column[i]) > Math.Abs(column[largest])) largest = i;
            mine[2 * j] = column.Length == 0 ? -1 : Math.Abs(column[largest]); // a process without rows never wins
            mine[2 * j + 1] = column.Length == 0 || column[largest] >= 0 ? 1 : -1;
        }
        double[] all = communicator.AllGather(mine);
        for (int j = 0; j < k; j++)
        {
            int winner = 0;
            for (int r = 1; r < communicator.Size; r++)
                if (all[r * 2 * k + 2 * j] > all[winner * 2 * k + 2 * j]) winner = r; // strict: the earliest rows win a tie
            if (all[winner * 2 * k + 2 * j + 1] >= 0) continue;
            foreach (ref double x in localU.Column(j)) x = -x;
            for (int c = 0; c < vt.Cols; c++) vt[j, c] = -vt[j, c];
        }
    }
}
