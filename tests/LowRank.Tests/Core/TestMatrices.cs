using LowRank.Linalg;

namespace LowRank.Tests.Core;

/// <summary>Matrices with known structure, shared by the decomposition tests.</summary>
internal static class TestMatrices
{
    /// <summary>The lecture notes' example: σ = (6√10, 3√10).</summary>
    public static Matrix Lecture => Matrix.FromArray(new double[,] { { 4, 11, 14 }, { 8, 7, -2 } });

    public static Matrix Random(int m, int n, int seed) => Gaussian.Matrix(m, n, new Random(seed));

    /// <summary>A product of m×r and r×n Gaussian factors: rank r exactly.</summary>
    public static Matrix RankDeficient(int m, int n, int r, int seed)
    {
        var rng = new Random(seed);
        return new ManagedBackend().Multiply(Gaussian.Matrix(m, r, rng), Gaussian.Matrix(r, n, rng));
    }

    /// <summary>H_ij = 1/(i + j + 1): condition number about 10¹⁶ at n = 12.</summary>
    public static Matrix Hilbert(int n)
    {
        var h = new Matrix(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                h[i, j] = 1.0 / (i + j + 1);
        return h;
    }

    /// <summary>U·diag(σ)·Vᵀ with σ_i = 1/i for i ≤ r plus Gaussian noise of the given level (as in shared/bench/anchors.py).</summary>
    public static Matrix LowRankPlusNoise(int m, int n, int r, double noise, int seed)
    {
        var rng = new Random(seed);
        var backend = new ManagedBackend();
        var u = backend.OrthonormalColumns(Gaussian.Matrix(m, r, rng));
        var v = backend.OrthonormalColumns(Gaussian.Matrix(n, r, rng));
        for (int j = 0; j < r; j++)
            foreach (ref double x in u.Column(j)) x /= j + 1;
        var a = backend.Multiply(u, v, transB: true);
        var e = Gaussian.Matrix(m, n, rng);
        for (int i = 0; i < a.Data.Length; i++) a.Data[i] += noise * e.Data[i];
        return a;
    }

    public static IEnumerable<object[]> Backends() => [["native"], ["managed"]];

    public static ILinalgBackend Backend(string name) => LowRank.Linalg.Backends.Create(name);

    /// <summary>Largest |X_ij − Y_ij|.</summary>
    public static double MaxAbsDiff(Matrix x, Matrix y)
    {
        double d = 0;
        for (int i = 0; i < x.Data.Length; i++) d = Math.Max(d, Math.Abs(x.Data[i] - y.Data[i]));
        return d;
    }

    /// <summary>Plain triple loop, the reference for gemm.</summary>
    public static Matrix NaiveProduct(Matrix a, Matrix b)
    {
        var c = new Matrix(a.Rows, b.Cols);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < b.Cols; j++)
            {
                double s = 0;
                for (int l = 0; l < a.Cols; l++) s += a[i, l] * b[l, j];
                c[i, j] = s;
            }
        return c;
    }
}
