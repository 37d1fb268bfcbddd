using System.Buffers;
using LowRank.Linalg;

namespace LowRank.Completion.Advanced;

/// <summary>
/// Item-based k-nearest-neighbour prediction around the baseline (Koren 2010, "Factor in the neighbors: scalable
/// and accurate collaborative filtering", TKDD, §2.2, eq. 3): r̂_ui = b_ui + Σ_{j∈S^k(i;u)} s_ij (r_uj − b_uj) /
/// Σ_{j∈S^k(i;u)} s_ij, where b_ui = μ + b_u + b_i (eq. 2), S^k(i; u) holds the k items rated by u most similar to i
/// (only positive similarities contribute, as in Surprise's KNNBaseline), and s_ij is the Pearson correlation of the
/// baseline residuals over the users who rated both items, shrunk towards zero by their number n_ij
/// (eq. 4 with the residuals of §2.2; Surprise's "pearson_baseline": s_ij = (n_ij − 1)/(n_ij − 1 + λ₂)·ρ_ij).
/// Memory: the items × items similarity matrix.
/// </summary>
public sealed class KnnBaseline : RatingPredictor
{
    private readonly KnnBaselineOptions _options;
    private BaselineBiases? _biases;
    private RatingLists? _byUser;
    private double[] _residualByUser = [];
    private double[] _similarity = [];
    private int _itemCount;

    public KnnBaseline(KnnBaselineOptions? options = null)
    {
        _options = options ?? new KnnBaselineOptions();
        if (_options.Neighbors < 1) throw new InvalidInputException($"knn-baseline: k must be ≥ 1, not {_options.Neighbors}");
        if (_options.MinNeighbors < 0) throw new InvalidInputException($"knn-baseline: min k must be ≥ 0, not {_options.MinNeighbors}");
        if (!(_options.Shrinkage >= 0)) throw new InvalidInputException($"knn-baseline: shrinkage must be ≥ 0, not {_options.Shrinkage}");
        if (!(_options.ItemRegularization >= 0) || !(_options.UserRegularization >= 0))
            throw new InvalidInputException("knn-baseline: baseline regularisation must be ≥ 0");
        if (_options.BaselineSweeps < 0) throw new InvalidInputException($"knn-baseline: baseline sweeps must be ≥ 0, not {_options.BaselineSweeps}");
    }

    public override string Name => "knn-baseline";

    public KnnBaselineOptions Options => _options;

    protected override void FitCore(RatingSet train, CancellationToken cancellationToken)
    {
        int m = train.ItemCount;
        MemoryBudget.RequireMatrix(m, m, "knn-baseline item similarities");
        var biases = BaselineBiases.Fit(train, _options.ItemRegularization, _options.UserRegularization, _options.BaselineSweeps);
        var byUser = RatingLists.ByUser(train);
        var byItem = RatingLists.ByItem(train);
        _residualByUser = Residuals(byUser, biases, userRows: true);
        var residualByItem = Residuals(byItem, biases, userRows: false);
        var similarity = new double[m * m];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, m, parallel, () => new double[4 * m], (i, _, work) =>
        {
            // Row i: over users u who rated i, and every j that u rated, the sums of eq. 4.
            Array.Clear(work);
            var count = work.AsSpan(0, m);
            var product = work.AsSpan(m, m);
            var squareI = work.AsSpan(2 * m, m);
            var squareJ = work.AsSpan(3 * m, m);
            for (int t = byItem.Start[i]; t < byItem.Start[i + 1]; t++)
            {
                int u = byItem.Other[t];
                double di = residualByItem[t];
                for (int s = byUser.Start[u]; s < byUser.Start[u + 1]; s++)
                {
                    int j = byUser.Other[s];
                    double dj = _residualByUser[s];
                    count[j]++;
                    product[j] += di * dj;
                    squareI[j] += di * di;
                    squareJ[j] += dj * dj;
                }
            }
            var row = similarity.AsSpan(i * m, m);
            for (int j = 0; j < m; j++)
            {
                double denominator = Math.Sqrt(squareI[j] * squareJ[j]);
                row[j] = count[j] < 2 || denominator == 0
                    ? 0
                    : product[j] / denominator * (count[j] - 1) / (count[j] - 1 + _options.Shrinkage);
            }
            row[i] = 1;
            return work;
        }, _ => { });
        _biases = biases;
        _byUser = byUser;
        _similarity = similarity;
        _itemCount = m;
    }

    protected override double PredictRaw(int user, int item)
    {
        var biases = _biases ?? throw new InvalidOperationException($"{Name}: call Fit first");
        var byUser = _byUser!;
        int start = byUser.Start[user], length = byUser.Length(user);
        double estimate = biases.Estimate(user, item);
        if (length == 0) return estimate;
        var simBuffer = ArrayPool<double>.Shared.Rent(length);
        var residualBuffer = ArrayPool<double>.Shared.Rent(length);
        try
        {
            // The positively similar items the user rated, then the k most similar of them.
            var row = _similarity.AsSpan(item * _itemCount, _itemCount);
            int n = 0;
            for (int t = start; t < start + length; t++)
            {
                double s = row[byUser.Other[t]];
                if (s <= 0) continue;
                simBuffer[n] = s;
                residualBuffer[n++] = _residualByUser[t];
            }
            var sims = simBuffer.AsSpan(0, n);
            var residuals = residualBuffer.AsSpan(0, n);
            if (n > _options.Neighbors)
            {
                sims.Sort(residuals);
                sims = sims[(n - _options.Neighbors)..];
                residuals = residuals[(n - _options.Neighbors)..];
            }
            if (sims.Length < _options.MinNeighbors) return estimate;
            double weighted = 0, total = 0;
            for (int t = 0; t < sims.Length; t++)
            {
                weighted += sims[t] * residuals[t];
                total += sims[t];
            }
            return total > 0 ? estimate + weighted / total : estimate;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(simBuffer);
            ArrayPool<double>.Shared.Return(residualBuffer);
        }
    }

    /// <summary>r − b_ui for every entry of the lists, in list order.</summary>
    private static double[] Residuals(RatingLists lists, BaselineBiases biases, bool userRows)
    {
        var residuals = new double[lists.Value.Length];
        for (int r = 0; r < lists.RowCount; r++)
            for (int t = lists.Start[r]; t < lists.Start[r + 1]; t++)
            {
                int other = lists.Other[t];
                residuals[t] = lists.Value[t] - (userRows ? biases.Estimate(r, other) : biases.Estimate(other, r));
            }
        return residuals;
    }
}
