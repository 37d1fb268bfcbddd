using LowRank.Completion.Implicit;
using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// A deterministic synthetic data set at any scale (MovieLens 20M's by <see cref="SyntheticShape.MovieLens20M"/>), the
/// same pairs readable as implicit feedback (<see cref="ToInteractions"/>) or as ratings (<see cref="ToRatings"/>):
/// user u interacts with n_u items (n_u = the minimum plus a log-normal share of the rest, so the total is exact);
/// candidates are drawn from a power-law item popularity (rank + offset)^(−a) over a seeded permutation of the items
/// and accepted with probability σ(2·p_uᵀq_i/√r) (p_u, q_i ~ N(0, I_r)), so what a user picks carries a low-rank
/// signal; a user's rating of a pair is clip(3 + 0.3(b_u + b_i) + 0.8·p_uᵀq_i/√r + N(0, 0.5²), 1, 5) as in
/// <see cref="SyntheticRatings"/>. Users are generated in parallel, each from its own seeded stream, so the data
/// depend on the seed only. <see cref="Users"/> are in increasing order, each user's items increasing.
/// </summary>
public sealed class SyntheticFeedback
{
    private SyntheticFeedback(SyntheticShape shape, int[] users, int[] items, double[] ratings)
    {
        Shape = shape;
        Users = users;
        Items = items;
        Ratings = ratings;
    }

    public SyntheticShape Shape { get; }

    public int[] Users { get; }

    public int[] Items { get; }

    /// <summary>The rating of each pair, on 1–5.</summary>
    public double[] Ratings { get; }

    /// <summary>Every pair an interaction of strength 1.</summary>
    public Interactions ToInteractions()
    {
        var ones = new double[Users.Length];
        Array.Fill(ones, 1.0);
        return new Interactions(Shape.Users, Shape.Items, Users, Items, ones);
    }

    /// <summary>The pairs with their ratings (the arrays are shared, not copied).</summary>
    public RatingSet ToRatings() => new(Shape.Users, Shape.Items, Users, Items, Ratings, new RatingScale(1, 5));

    public static SyntheticFeedback Generate(SyntheticShape shape, int seed)
    {
        Validate(shape);
        var random = new Random(seed);
        int r = shape.Rank;
        var itemFactors = new double[shape.Items * r];
        Gaussian.Fill(itemFactors, random);
        var itemBias = new double[shape.Items];
        Gaussian.Fill(itemBias, random);
        var cumulative = Popularity(shape, random);
        var counts = Activity(shape, random);
        var start = new long[shape.Users + 1];
        for (int u = 0; u < shape.Users; u++) start[u + 1] = start[u] + counts[u];
        var users = new int[shape.Interactions];
        var items = new int[shape.Interactions];
        var ratings = new double[shape.Interactions];
        int userSeed = random.Next();
        Parallel.For(0, shape.Users, () => new bool[shape.Items], (u, _, taken) =>
        {
            var rng = new Random(unchecked(userSeed + u * 7919));
            Span<double> p = stackalloc double[r];
            Gaussian.Fill(p, rng);
            Span<double> noise = stackalloc double[2];
            Gaussian.Fill(noise, rng);
            double userBias = noise[0];
            int from = (int)start[u], n = counts[u];
            var mine = items.AsSpan(from, n);
            for (int t = 0; t < n;)
            {
                int i = Array.BinarySearch(cumulative, rng.NextDouble());
                if (i < 0) i = ~i;
                if (i >= shape.Items) i = shape.Items - 1;
                if (taken[i]) continue;
                double signal = SmallDense.Dot(p, itemFactors.AsSpan(i * r, r)) / Math.Sqrt(r);
                if (rng.NextDouble() >= 1 / (1 + Math.Exp(-2 * signal))) continue;
                taken[i] = true;
                mine[t++] = i;
            }
            foreach (int i in mine) taken[i] = false;
            mine.Sort();
            for (int t = 0; t < n; t++)
            {
                int i = mine[t];
                Gaussian.Fill(noise, rng);
                double signal = SmallDense.Dot(p, itemFactors.AsSpan(i * r, r)) / Math.Sqrt(r);
                users[from + t] = u;
                ratings[from + t] = Math.Clamp(3 + 0.3 * (userBias + itemBias[i]) + 0.8 * signal + 0.5 * noise[0], 1, 5);
            }
            return taken;
        }, _ => { });
        return new SyntheticFeedback(shape, users, items, ratings);
    }

    private static void Validate(SyntheticShape s)
    {
        if (s.Users < 1 || s.Items < 2 || s.Rank < 1) throw new InvalidInputException($"a synthetic set needs ≥ 1 user, ≥ 2 items and rank ≥ 1, not {s.Users}×{s.Items} rank {s.Rank}");
        if (s.MinPerUser < 1 || (long)s.MinPerUser * s.Users > s.Interactions)
            throw new InvalidInputException($"{s.Interactions} interactions cannot give {s.Users} users {s.MinPerUser} each");
        if ((long)s.Interactions > (long)s.Users * (s.Items / 2))
            throw new InvalidInputException($"{s.Interactions} interactions is more than half of {s.Users}×{s.Items}");
        if (!(s.PopularityExponent >= 0) || !(s.PopularityOffset > 0) || !(s.ActivitySpread >= 0))
            throw new InvalidInputException("the popularity exponent and activity spread must be ≥ 0 and the offset > 0");
    }

    /// <summary>Cumulative popularity (rank + offset)^(−a), normalised, over a random assignment of ranks to items.</summary>
    private static double[] Popularity(SyntheticShape shape, Random random)
    {
        var rankOf = Enumerable.Range(0, shape.Items).ToArray();
        random.Shuffle(rankOf);
        var cumulative = new double[shape.Items];
        double total = 0;
        for (int i = 0; i < shape.Items; i++) cumulative[i] = total += Math.Pow(rankOf[i] + shape.PopularityOffset, -shape.PopularityExponent);
        for (int i = 0; i < shape.Items; i++) cumulative[i] /= total;
        return cumulative;
    }

    /// <summary>
    /// n_u = minimum + a log-normal share of the remaining interactions, at most half the items each; the rounding
    /// remainder (and anything a cap cut off) goes one by one to the users below the cap, so Σ n_u is exact.
    /// </summary>
    private static int[] Activity(SyntheticShape shape, Random random)
    {
        var weights = new double[shape.Users];
        Gaussian.Fill(weights, random);
        double sum = 0;
        for (int u = 0; u < shape.Users; u++) sum += weights[u] = Math.Exp(shape.ActivitySpread * weights[u]);
        long rest = shape.Interactions - (long)shape.MinPerUser * shape.Users;
        int cap = shape.Items / 2;
        var counts = new int[shape.Users];
        long assigned = 0;
        for (int u = 0; u < shape.Users; u++)
            assigned += counts[u] = (int)Math.Min(cap, shape.MinPerUser + Math.Floor(rest * weights[u] / sum));
        for (int u = 0; assigned < shape.Interactions; u = (u + 1) % shape.Users)
            if (counts[u] < cap)
            {
                counts[u]++;
                assigned++;
            }
        return counts;
    }
}
