namespace LowRank.Linalg;

/// <summary>Seeded standard normal numbers (Marsaglia's polar method), for test matrices and random sketches.</summary>
public static class Gaussian
{
    public static void Fill(Span<double> target, Random random)
    {
        int i = 0;
        while (i < target.Length)
        {
            double u, v, s;
            do
            {
                u = 2 * random.NextDouble() - 1;
                v = 2 * random.NextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double f = Math.Sqrt(-2 * Math.Log(s) / s);
            target[i++] = u * f;
            if (i < target.Length) target[i++] = v * f;
        }
    }

    /// <summary>A rows × cols matrix of independent N(0, 1) entries.</summary>
    public static Matrix Matrix(int rows, int cols, Random random)
    {
        var m = new Matrix(rows, cols);
        Fill(m.Data, random);
        return m;
    }
}
