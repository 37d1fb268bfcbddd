using System.Buffers;
using LowRank.Linalg;

namespace LowRank.Completion.Advanced;

/// <summary>
/// Item-based k-nearest-neighbour prediction around the baseline (Koren 2010, "Factor in the neighbors: scalable
/// and accurate collaborative filtering", TKDD 2010, §2.2): r̂_ui = b_ui + Σ_{j∈S^k(i;u)} s_ij (r_uj − b_uj) /
/// Σ_{j∈S^k(i;u)} s_ij, where b_ui = μ + b_u + b_i (§2.1), S^k(i; u) holds the k items rated by u most similar to i
/// (only positive similarities contribute, as in Surprise's KNNBaseline), and s_ij is the Pearson correlation of the
/// baseline residuals over the users who rated both items, shrunk towards zero by their number n_ij (Koren's §2.2
/// shrinks by n_ij/(n_ij + λ₂); this follows Surprise's "pearson_baseline", s_ij = (n_ij − 1)/(n_ij − 1 + λ₂)·ρ_ij).
/// With <see cref="KnnBaselineOptions.UserBased"/> the roles swap: user–user similarities, neighbours among the
/// users who rated i (Koren 2010 notes the item-oriented form is usually the more accurate).
/// Memory: the items × items (or users × users) similarity matrix.
/// </summary>
public sealed class KnnBaseline : RatingPredictor
{
    private readonly KnnBaselineOptions _options;
    private BaselinePredictor? _biases;
    private RatingLists? _neighbors;
    private double[] _neighborResiduals = [];
    private double[] _similarity = [];
    private int _count;

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
        // Item-based: similarities between items (x = item), neighbours among the items the user rated (y = user).
        // User-based swaps the roles.
        bool itemBased = !_options.UserBased;
        int count = itemBased ? train.ItemCount : train.UserCount;
        MemoryBudget.RequireMatrix(count, count, $"knn-baseline {(itemBased ? "item" : "user")} similarities");
        var biases = new BaselinePredictor(new BaselineOptions(_options.UserRegularization, _options.ItemRegularization, _options.BaselineSweeps));
        biases.Fit(train, cancellationToken);
        var byUser = train.ByUser;
        var byItem = train.ByItem;
        var residualByUser = Residuals(byUser, biases, userRows: true);
        var residualByItem = Residuals(byItem, biases, userRows: false);
        var (byX, residualByX) = itemBased ? (byItem, residualByItem) : (byUser, residualByUser);
        var (byY, residualByY) = itemBased ? (byUser, residualByUser) : (byItem, residualByItem);
        var similarity = new double[count * count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, count, parallel, () => new double[4 * count], (x, _, work) =>
        {
            // Row x: over every y that x co-occurs with, and every x' sharing that y, the sums of eq. 4.
            Array.Clear(work);
            var support = work.AsSpan(0, count);
            var product = work.AsSpan(count, count);
            var squareX = work.AsSpan(2 * count, count);
            var squareOther = work.AsSpan(3 * count, count);
            for (int t = byX.Start[x]; t < byX.Start[x + 1]; t++)
            {
                int y = byX.Other[t];
                double dx = residualByX[t];
                for (int s = byY.Start[y]; s < byY.Start[y + 1]; s++)
                {
                    int other = byY.Other[s];
                    double d = residualByY[s];
                    support[other]++;
                    product[other] += dx * d;
                    squareX[other] += dx * dx;
                    squareOther[other] += d * d;
                }
            }
            var row = similarity.AsSpan(x * count, count);
            for (int j = 0; j < count; j++)
            {
                double denominator = Math.Sqrt(squareX[j] * squareOther[j]);
                row[j] = support[j] < 2 || denominator == 0
                    ? 0
                    : product[j] / denominator * (support[j] - 1) / (support[j] - 1 + _options.Shrinkage);
            }
            row[x] = 1;
            return work;
        }, _ => { });
        _biases = biases;
        _neighbors = byY;
        _neighborResiduals = residualByY;
        _similarity = similarity;
        _count = count;
    }

    protected override double PredictRaw(int user, int item)
    {
        var biases = _biases ?? throw new InvalidOperationException($"{Name}: call Fit first");
        var lists = _neighbors!;
        var (x, y) = _options.UserBased ? (user, item) : (item, user);
        int start = lists.Start[y], length = lists.Length(y);
        double estimate = biases.Estimate(user, item);
        if (length == 0) return estimate;
        var simBuffer = ArrayPool<double>.Shared.Rent(length);
        var residualBuffer = ArrayPool<double>.Shared.Rent(length);
        try
        {
            // The positively similar neighbours that rated (or were rated by) y, then the k most similar of them.
            var row = _similarity.AsSpan(x * _count, _count);
            int n = 0;
            for (int t = start; t < start + length; t++)
            {
                double s = row[lists.Other[t]];
                if (s <= 0) continue;
                simBuffer[n] = s;
                residualBuffer[n++] = _neighborResiduals[t];
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

    /// <summary>Every pair's prediction, users in parallel (each prediction selects its own neighbours).</summary>
    public override Matrix PredictAll()
    {
        var train = Train;
        var result = new Matrix(train.UserCount, train.ItemCount);
        Parallel.For(0, train.UserCount, user =>
        {
            for (int item = 0; item < train.ItemCount; item++) result[user, item] = Predict(user, item);
        });
        return result;
    }

    /// <summary>r − b_ui for every entry of the lists, in list order.</summary>
    private static double[] Residuals(RatingLists lists, BaselinePredictor biases, bool userRows)
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
