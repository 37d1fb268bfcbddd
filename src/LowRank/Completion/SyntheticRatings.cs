using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// A deterministic synthetic ratings set with low-rank structure, for tests, the demo and the experiment when
/// MovieLens is absent: r_ui = clip(3 + b_u + b_i + 0.8·p_uᵀq_i/√k + noise, 1, 5) on a random subset of the pairs, with
/// b_u, b_i ~ N(0, 0.3²), p_u, q_i ~ N(0, I) and N(0, noise²) noise: rank-k signal of standard
/// deviation about 0.8 plus biases.
/// </summary>
public static class SyntheticRatings
{
    public static RatingSet Generate(int users, int items, int rank, double density, double noise, int seed)
    {
        if (density is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(density));
        var random = new Random(seed);
        var p = Gaussian.Matrix(users, rank, random);
        var q = Gaussian.Matrix(items, rank, random);
        var bu = new double[users];
        var bi = new double[items];
        Gaussian.Fill(bu, random);
        Gaussian.Fill(bi, random);
        var us = new List<int>();
        var its = new List<int>();
        var values = new List<double>();
        var eps = new double[1];
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
            {
                if (random.NextDouble() >= density) continue;
                double dot = 0;
                for (int f = 0; f < rank; f++) dot += p[u, f] * q[i, f];
                Gaussian.Fill(eps, random);
                double r = 3 + 0.3 * (bu[u] + bi[i]) + 0.8 * dot / Math.Sqrt(rank) + noise * eps[0];
                us.Add(u);
                its.Add(i);
                values.Add(Math.Clamp(r, 1, 5));
            }
        return new RatingSet(users, items, [.. us], [.. its], [.. values], new RatingScale(1, 5));
    }
}
