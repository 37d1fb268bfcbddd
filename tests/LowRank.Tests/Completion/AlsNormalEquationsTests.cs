using LowRank.Completion;
using LowRank.Linalg;
using Xunit;

namespace LowRank.Tests.Completion;

/// <summary>
/// One ALS sweep against a naive reference: every user's and item's (k+1)×(k+1) normal equations assembled entry by entry
/// and solved by Gaussian elimination. Users have fewer ratings than unknowns (the n×n dual path), items more (the
/// primal path), so both of <see cref="AlsPredictor"/>'s solvers are pinned to the textbook solve.
/// </summary>
public class AlsNormalEquationsTests
{
    [Fact]
    public void OneSweepMatchesTheTextbookSolveOnBothPaths()
    {
        const int k = 8, users = 40, items = 6, seed = 3;
        var ratings = SyntheticRatings.Generate(users, items, 2, 0.7, 0.3, seed: 1);
        var options = new AlsOptions(Rank: k, Lambda: 0.7, Epochs: 1, Exponent: 0.5, Seed: seed);
        var als = new AlsPredictor(options);
        als.Fit(ratings);

        double mu = ratings.GlobalMean;
        var q = new double[items, k + 1];   // [b_i, q_i]
        var p = new double[users, k + 1];   // [b_u, p_u]
        var init = new double[items * k];
        Gaussian.Fill(init, new Random(seed));
        var itemMeans = MeanFill.Means(ratings, FillMode.Column);
        for (int i = 0; i < items; i++)
            for (int f = 0; f < k; f++) q[i, f + 1] = f == 0 ? itemMeans[i] - mu : 0.1 * init[i * k + f];
        Solve(ratings, p, q, byUser: true, options, mu);
        Solve(ratings, q, p, byUser: false, options, mu);
        Assert.Contains(Enumerable.Range(0, users), u => ratings.EntriesOfUser(u).Length < k + 1);
        Assert.Contains(Enumerable.Range(0, items), i => ratings.EntriesOfItem(i).Length >= k + 1);
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
            {
                double expected = mu + p[u, 0] + q[i, 0];
                for (int f = 1; f <= k; f++) expected += p[u, f] * q[i, f];
                Assert.Equal(Math.Clamp(expected, 1, 5), als.Predict(u, i), 1e-8);
            }
    }

    /// <summary>
    /// The training RMSE that ALS reports after each sweep (the first trace entry is the RMSE itself) comes from the item
    /// solves' normal equations, not from predicting every rating: it must equal the RMSE of the unclipped model over the
    /// training ratings, with items on both the primal path (many ratings) and the dual path (fewer than k + 1).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheReportedTrainingErrorIsTheModelsRmse(bool biases)
    {
        const int k = 6;
        var ratings = SyntheticRatings.Generate(25, 40, 2, 0.25, 0.4, seed: 5);
        var als = new AlsPredictor(new AlsOptions(Rank: k, Lambda: 0.3, Epochs: 1, Biases: biases));
        als.Fit(ratings);
        Assert.Contains(Enumerable.Range(0, ratings.ItemCount), i => ratings.EntriesOfItem(i).Length is > 0 and < k + 1);
        Assert.Contains(Enumerable.Range(0, ratings.ItemCount), i => ratings.EntriesOfItem(i).Length >= k + 1);
        var scores = new double[ratings.ItemCount];
        double sum = 0;
        for (int u = 0; u < ratings.UserCount; u++)
        {
            als.ScoreItems(u, scores);
            foreach (int e in ratings.EntriesOfUser(u)) sum += Math.Pow(ratings.Values[e] - scores[ratings.Items[e]], 2);
        }
        Assert.Equal(Math.Sqrt(sum / ratings.Count), als.Trace!.RelativeChanges[0], 1e-9);
    }

    /// <summary>x = [b; factors] of every row from (ZᵀZ + λ·n^α·I)x = Zᵀ(r − μ − b_other), z = [1; factors_other].</summary>
    private static void Solve(RatingSet set, double[,] own, double[,] other, bool byUser, AlsOptions o, double mu)
    {
        int d = own.GetLength(1), rows = own.GetLength(0);
        for (int row = 0; row < rows; row++)
        {
            var entries = byUser ? set.EntriesOfUser(row) : set.EntriesOfItem(row);
            var a = new double[d, d + 1];
            foreach (int e in entries)
            {
                int partner = byUser ? set.Items[e] : set.Users[e];
                var z = Enumerable.Range(0, d).Select(f => f == 0 ? 1 : other[partner, f]).ToArray();
                double t = set.Values[e] - mu - other[partner, 0];
                for (int i = 0; i < d; i++)
                {
                    for (int j = 0; j < d; j++) a[i, j] += z[i] * z[j];
                    a[i, d] += z[i] * t;
                }
            }
            double trace = Enumerable.Range(0, d).Sum(i => a[i, i]);
            for (int i = 0; i < d; i++) a[i, i] += o.Lambda * Math.Pow(entries.Length, o.Exponent) + 1e-12 * trace / d;
            var x = Eliminate(a, d);
            for (int f = 0; f < d; f++) own[row, f] = x[f];
        }
    }

    /// <summary>Gaussian elimination with partial pivoting on the augmented d×(d+1) matrix.</summary>
    private static double[] Eliminate(double[,] a, int d)
    {
        for (int c = 0; c < d; c++)
        {
            int pivot = Enumerable.Range(c, d - c).MaxBy(r => Math.Abs(a[r, c]));
            for (int j = 0; j <= d; j++) (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            for (int r = c + 1; r < d; r++)
            {
                double m = a[r, c] / a[c, c];
                for (int j = c; j <= d; j++) a[r, j] -= m * a[c, j];
            }
        }
        var x = new double[d];
        for (int r = d - 1; r >= 0; r--)
        {
            double sum = a[r, d];
            for (int j = r + 1; j < d; j++) sum -= a[r, j] * x[j];
            x[r] = sum / a[r, r];
        }
        return x;
    }
}
