using LowRank.Linalg;

namespace LowRank.SingularValueLearning;

/// <summary>
/// Reconstructions of SV-Learn §IV-C (its Figs. 5–6): the true singular vectors with other singular values,
/// A_k(s) = Σ_{i ≤ k} sᵢ·uᵢ·vᵢᵀ — with the predicted σ̂, with random values, or with the true σ (the optimum).
/// </summary>
public static class SpectrumReconstruction
{
    /// <summary>Σ_{i ≤ k} sᵢ·uᵢ·vᵢᵀ for U (m×≥k) and V (n×≥k) given by columns.</summary>
    public static Matrix Compose(Matrix u, IReadOnlyList<double> s, Matrix v, int k)
    {
        if (k < 0 || k > s.Count || k > u.Cols || k > v.Cols) throw new ArgumentOutOfRangeException(nameof(k), k, "k exceeds the factors");
        var result = new Matrix(u.Rows, v.Rows);
        for (int i = 0; i < k; i++)
        {
            var ui = u.Column(i);
            var vi = v.Column(i);
            for (int c = 0; c < v.Rows; c++)
            {
                double w = s[i] * vi[c];
                var target = result.Column(c);
                for (int r = 0; r < ui.Length; r++) target[r] += w * ui[r];
            }
        }
        return result;
    }

    /// <summary>‖A − B‖_F / ‖A‖_F.</summary>
    public static double RelativeError(Matrix a, Matrix b)
    {
        double diff = 0, norm = 0;
        for (int i = 0; i < a.Data.Length; i++)
        {
            double d = a.Data[i] - b.Data[i];
            diff += d * d;
            norm += a.Data[i] * a.Data[i];
        }
        return norm > 0 ? Math.Sqrt(diff / norm) : 0;
    }

    /// <summary>
    /// The "random σ" of the paper's comparison: |N(0, 1)| draws sorted descending and scaled so that Σs² = ‖A‖_F² (the
    /// energy is free to know; the shape is not).
    /// </summary>
    public static double[] RandomSpectrum(int count, double frobeniusNorm, Random random)
    {
        var s = new double[count];
        Gaussian.Fill(s, random);
        for (int i = 0; i < count; i++) s[i] = Math.Abs(s[i]);
        Array.Sort(s, (x, y) => y.CompareTo(x));
        double norm = EuclideanNorm.Of(s);
        if (norm > 0) for (int i = 0; i < count; i++) s[i] *= frobeniusNorm / norm;
        return s;
    }
}
