using LowRank.Linalg;
using LowRank.Linalg.Sparse;

namespace LowRank.Tests.Sparse;

/// <summary>Sparse matrices with known structure for the operator and truncated-SVD tests.</summary>
internal static class SparseTestMatrices
{
    /// <summary>
    /// An m×n random sparse matrix with about <paramref name="density"/>·m·n entries (duplicates summed), column j
    /// scaled by 1/(1 + j) so that the spectrum decays as the randomized method needs to be accurate.
    /// </summary>
    public static CsrMatrix Random(int m, int n, double density, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        long count = (long)(density * m * n);
        for (long t = 0; t < count; t++)
        {
            int j = rng.Next(n);
            rows.Add(rng.Next(m));
            cols.Add(j);
            vals.Add((rng.NextDouble() * 2 - 1 + (rng.Next(4) == 0 ? 3 : 0)) / (1.0 + j));
        }
        return CsrMatrix.FromCoordinates(m, n, rows.ToArray(), cols.ToArray(), vals.ToArray());
    }

    /// <summary>
    /// A block-diagonal sparse matrix whose singular values are known in closed form: diagonal entries d_i on the
    /// first rows, then 2×2 blocks [[a, b], [-b, a]] (singular values √(a² + b²), twice), scattered by permutations
    /// of rows and columns (which leave singular values unchanged).
    /// </summary>
    public static (CsrMatrix Matrix, double[] Sigma) BlockDiagonal(int m, int n, int seed)
    {
        var rng = new Random(seed);
        var rowPerm = Enumerable.Range(0, m).OrderBy(_ => rng.Next()).ToArray();
        var colPerm = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
        var rows = new List<int>();
        var cols = new List<int>();
        var vals = new List<double>();
        var sigma = new List<double>();
        int p = Math.Min(m, n), i = 0;
        while (i < p)
        {
            if (i + 1 < p && i % 3 == 0)
            {
                double a = 1 + 9 * rng.NextDouble(), b = 1 + 9 * rng.NextDouble();
                Add(i, i, a); Add(i, i + 1, b); Add(i + 1, i, -b); Add(i + 1, i + 1, a);
                double s = Math.Sqrt(a * a + b * b);
                sigma.Add(s); sigma.Add(s);
                i += 2;
            }
            else
            {
                double d = 0.1 + 10 * rng.NextDouble();
                Add(i, i, rng.Next(2) == 0 ? d : -d);
                sigma.Add(d);
                i++;
            }
        }
        var matrix = CsrMatrix.FromCoordinates(m, n, rows.ToArray(), cols.ToArray(), vals.ToArray());
        return (matrix, sigma.OrderByDescending(s => s).ToArray());

        void Add(int r, int c, double v)
        {
            rows.Add(rowPerm[r]);
            cols.Add(colPerm[c]);
            vals.Add(v);
        }
    }

    /// <summary>Largest |x − y| over two equal-length spans.</summary>
    public static double MaxAbsDiff(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double d = 0;
        for (int i = 0; i < x.Length; i++) d = Math.Max(d, Math.Abs(x[i] - y[i]));
        return d;
    }

    /// <summary>σ₁ for scaling tolerances.</summary>
    public static double Largest(double[] sigma) => sigma.Max();
}
