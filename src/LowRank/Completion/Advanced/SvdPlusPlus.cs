namespace LowRank.Completion.Advanced;

/// <summary>
/// SVD++ (Koren 2008, "Factorization meets the neighborhood: a multifaceted collaborative filtering model", KDD,
/// §4, eq. 15): r̂_ui = μ + b_u + b_i + q_iᵀ(p_u + |N(u)|^−½ Σ_{j∈N(u)} y_j), where N(u) is the set of items the
/// user rated in the training set (implicit feedback), fitted by stochastic gradient descent on the regularised
/// squared error with the updates of §4.
/// Efficient per-user accumulation, as in common fast implementations: users are visited one at a time (in a seeded
/// random order); the implicit sum z_u = |N(u)|^−½ Σ y_j is computed once at the start of the user's pass and held
/// fixed while the user's ratings are visited, the y_j gradient |N(u)|^−½ Σ_i e_ui·q_i is accumulated over the pass,
/// and every y_j, j ∈ N(u), is updated once at its end with y_j += γ₂(|N(u)|^−½ Σ_i e_ui·q_i − λ₇·y_j). This costs
/// O(|N(u)|·f) per user instead of O(|N(u)|²·f) for the per-rating update of Koren's §4 (as in Surprise); the data
/// term is the sum of the per-rating gradients, but y_j decays once per user pass instead of once per rating, which
/// the tuned λ₇ absorbs.
/// </summary>
public sealed class SvdPlusPlus : RatingPredictor
{
    private readonly SvdPlusPlusOptions _options;
    private double _mean;
    private double[] _userBias = [];
    private double[] _itemBias = [];
    private double[] _p = [];
    private double[] _q = [];
    private double[] _implicitSum = [];

    public SvdPlusPlus(SvdPlusPlusOptions? options = null)
    {
        _options = options ?? new SvdPlusPlusOptions();
        if (_options.Factors < 1) throw new InvalidInputException($"svdpp: factors must be ≥ 1, not {_options.Factors}");
        if (_options.Epochs < 0) throw new InvalidInputException($"svdpp: epochs must be ≥ 0, not {_options.Epochs}");
        if (!(_options.LearningRate > 0) || !(_options.BiasLearningRate > 0))
            throw new InvalidInputException("svdpp: learning rates must be > 0");
        if (!(_options.Regularization >= 0) || !(_options.BiasRegularization >= 0))
            throw new InvalidInputException("svdpp: regularisation must be ≥ 0");
        if (!(_options.LearningRateDecay > 0)) throw new InvalidInputException("svdpp: learning-rate decay must be > 0");
        if (!(_options.InitialStd >= 0)) throw new InvalidInputException("svdpp: initial standard deviation must be ≥ 0");
    }

    public override string Name => "svdpp";

    public SvdPlusPlusOptions Options => _options;

    protected override void FitCore(RatingSet train, CancellationToken cancellationToken)
    {
        int f = _options.Factors, n = train.UserCount, m = train.ItemCount;
        var byUser = train.ByUser;
        var random = new SplitMix64((ulong)(uint)_options.Seed);
        _mean = train.GlobalMean;
        _userBias = new double[n];
        _itemBias = new double[m];
        _p = Initial(n * f, ref random);
        _q = Initial(m * f, ref random);
        var y = new double[m * f];
        var z = new double[f];
        var gradient = new double[f];
        var order = new int[n];
        var visit = new int[byUser.Other.Length];
        for (int u = 0; u < n; u++) order[u] = u;
        for (int t = 0; t < visit.Length; t++) visit[t] = t;
        double lr = _options.LearningRate, lrBias = _options.BiasLearningRate;
        double reg = _options.Regularization, regBias = _options.BiasRegularization;
        for (int epoch = 0; epoch < _options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            foreach (int u in order)
            {
                int start = byUser.Start[u], count = byUser.Length(u);
                if (count == 0) continue;
                double norm = 1 / Math.Sqrt(count);
                ImplicitSum(byUser, u, y, norm, z);
                Array.Clear(gradient);
                var mine = visit.AsSpan(start, count);
                random.Shuffle(mine);
                var pu = _p.AsSpan(u * f, f);
                foreach (int t in mine)
                {
                    int i = byUser.Other[t];
                    var qi = _q.AsSpan(i * f, f);
                    double dot = 0;
                    for (int d = 0; d < f; d++) dot += qi[d] * (pu[d] + z[d]);
                    double e = byUser.Value[t] - (_mean + _userBias[u] + _itemBias[i] + dot);
                    _userBias[u] += lrBias * (e - regBias * _userBias[u]);
                    _itemBias[i] += lrBias * (e - regBias * _itemBias[i]);
                    for (int d = 0; d < f; d++)
                    {
                        double p = pu[d], q = qi[d];
                        gradient[d] += e * q;
                        pu[d] += lr * (e * q - reg * p);
                        qi[d] += lr * (e * (p + z[d]) - reg * q);
                    }
                }
                for (int t = start; t < start + count; t++)
                {
                    var yj = y.AsSpan(byUser.Other[t] * f, f);
                    for (int d = 0; d < f; d++) yj[d] += lr * (norm * gradient[d] - reg * yj[d]);
                }
            }
            lr *= _options.LearningRateDecay;
            lrBias *= _options.LearningRateDecay;
        }
        // Fold the final implicit sums into per-user vectors so that prediction is one dot product.
        _implicitSum = new double[n * f];
        for (int u = 0; u < n; u++)
            if (byUser.Length(u) > 0) ImplicitSum(byUser, u, y, 1 / Math.Sqrt(byUser.Length(u)), _implicitSum.AsSpan(u * f, f));
    }

    protected override double PredictRaw(int user, int item)
    {
        int f = _options.Factors;
        var pu = _p.AsSpan(user * f, f);
        var zu = _implicitSum.AsSpan(user * f, f);
        var qi = _q.AsSpan(item * f, f);
        double dot = 0;
        for (int d = 0; d < f; d++) dot += qi[d] * (pu[d] + zu[d]);
        return _mean + _userBias[user] + _itemBias[item] + dot;
    }

    private double[] Initial(int length, ref SplitMix64 random)
    {
        var values = new double[length];
        for (int t = 0; t < length; t++) values[t] = _options.InitialStd * random.NextGaussian();
        return values;
    }

    /// <summary>z ← norm·Σ_{j∈N(u)} y_j.</summary>
    private void ImplicitSum(RatingLists byUser, int u, double[] y, double norm, Span<double> z)
    {
        int f = _options.Factors;
        z.Clear();
        for (int t = byUser.Start[u]; t < byUser.Start[u + 1]; t++)
        {
            var yj = y.AsSpan(byUser.Other[t] * f, f);
            for (int d = 0; d < f; d++) z[d] += yj[d];
        }
        for (int d = 0; d < f; d++) z[d] *= norm;
    }
}
