using LowRank.Linalg;

namespace LowRank.Completion.Saved;

/// <summary>
/// A fitted factor model, self-contained so that it can be saved and served without the training set: the biased
/// latent-factor model r̂_ui = μ + b_u + b_i + p_uᵀq_i (Koren, Bell &amp; Volinsky 2009, eq. 4; without biases
/// r̂_ui = p_uᵀq_i; rank 0 is the baseline μ + b_u + b_i), the external user and item ids, the items each user rated in
/// training (excluded from their recommendations, and each item's support), the rating scale and the rule that folds a
/// new user in (<see cref="FoldIn"/>). A pair whose user or item had no training rating falls back to the baseline
/// μ + b_u + b_i of what is known (μ alone when neither is; the training mean also for a model without biases), never
/// to 0. Factors are row by row: p_u = <see cref="UserFactors"/>[u·k .. u·k + k).
/// Immutable; every method may be called from several threads.
/// </summary>
public sealed class SavedRecommender : IItemScorer
{
    /// <summary>Scores per block of <see cref="RecommendAll"/> (users × items doubles, 32 MB).</summary>
    private const int BlockScores = 1 << 22;

    /// <summary>Scores of a block from which its top-N selection runs in parallel.</summary>
    private const long ParallelScores = 1 << 21;

    private readonly double[] _userBias;
    private readonly double[] _itemBias;
    private readonly double[] _userFactors;
    private readonly double[] _itemFactors;
    private readonly string[] _userIds;
    private readonly string[] _itemIds;
    private readonly string?[]? _itemTitles;
    private readonly int[] _ratedStart;
    private readonly int[] _ratedItems;
    private readonly int[] _support;
    private readonly Dictionary<string, int> _userIndex;
    private readonly Dictionary<string, int> _itemIndex;

    /// <summary>
    /// A model from its parts (arrays are kept, not copied). <paramref name="ratedStart"/> (users + 1 offsets) and
    /// <paramref name="ratedItems"/> hold each user's training items, ascending. Inconsistent parts are an
    /// <see cref="ArgumentException"/>.
    /// </summary>
    /// <param name="method">The method's name (e.g. "als").</param>
    /// <param name="settings">The settings it was fitted with, "name=value" separated by spaces.</param>
    /// <param name="scale">The rating scale predictions are clipped to.</param>
    /// <param name="mean">μ, the training ratings' mean.</param>
    /// <param name="biases">Whether μ + b_u + b_i is part of the model (else only the fallback of unknown pairs uses μ).</param>
    /// <param name="rank">k, factors per user and item (0: biases only).</param>
    /// <param name="foldIn">The ridge of one user's solve.</param>
    /// <param name="userBias">b_u, one per user.</param>
    /// <param name="itemBias">b_i, one per item.</param>
    /// <param name="userFactors">users × k, row by row.</param>
    /// <param name="itemFactors">items × k, row by row.</param>
    /// <param name="userIds">External user ids, distinct, by index.</param>
    /// <param name="itemIds">External item ids, distinct, by index.</param>
    /// <param name="ratedStart">Offsets into <paramref name="ratedItems"/>, users + 1 of them.</param>
    /// <param name="ratedItems">Each user's training items, ascending.</param>
    /// <param name="itemTitles">Item titles by index (null: none known; a null entry: unknown).</param>
    public SavedRecommender(string method, string settings, RatingScale scale, double mean, bool biases, int rank, FoldInRule foldIn,
        double[] userBias, double[] itemBias, double[] userFactors, double[] itemFactors, string[] userIds, string[] itemIds,
        int[] ratedStart, int[] ratedItems, string?[]? itemTitles = null)
    {
        int users = userIds.Length, items = itemIds.Length;
        if (rank < 0) throw new ArgumentException($"rank {rank} is negative");
        if (!double.IsFinite(mean)) throw new ArgumentException($"the mean {mean} is not finite");
        if (!(scale.Min <= scale.Max)) throw new ArgumentException($"the scale {scale} is empty");
        if (!(foldIn.Lambda >= 0) || !double.IsFinite(foldIn.Lambda) || !double.IsFinite(foldIn.Exponent))
            throw new ArgumentException($"the fold-in ridge λ = {foldIn.Lambda}, α = {foldIn.Exponent} is not a finite λ ≥ 0");
        if (userBias.Length != users || itemBias.Length != items || userFactors.Length != (long)users * rank
            || itemFactors.Length != (long)items * rank || ratedStart.Length != users + 1 || (itemTitles is not null && itemTitles.Length != items))
            throw new ArgumentException($"the parts do not fit {users} users × {items} items at rank {rank}");
        foreach (var values in new[] { userBias, itemBias, userFactors, itemFactors })
            foreach (double v in values)
                if (!double.IsFinite(v)) throw new ArgumentException("a bias or factor is not finite");
        if (ratedStart[0] != 0 || ratedStart[users] != ratedItems.Length) throw new ArgumentException("the rated-item offsets do not cover the list");
        _support = new int[items];
        for (int u = 0; u < users; u++)
        {
            if (ratedStart[u + 1] < ratedStart[u]) throw new ArgumentException($"the rated-item offsets decrease at user {u}");
            for (int t = ratedStart[u]; t < ratedStart[u + 1]; t++)
            {
                int item = ratedItems[t];
                if ((uint)item >= (uint)items || (t > ratedStart[u] && item <= ratedItems[t - 1]))
                    throw new ArgumentException($"user {u}'s rated items are not ascending indices below {items}");
                _support[item]++;
            }
        }
        _userIndex = Index(userIds, "user");
        _itemIndex = Index(itemIds, "item");
        Method = method;
        Settings = settings;
        Scale = scale;
        Mean = mean;
        Biases = biases;
        Rank = rank;
        FoldInRule = foldIn;
        (_userBias, _itemBias, _userFactors, _itemFactors) = (userBias, itemBias, userFactors, itemFactors);
        (_userIds, _itemIds, _itemTitles, _ratedStart, _ratedItems) = (userIds, itemIds, itemTitles, ratedStart, ratedItems);
    }

    public string Method { get; }

    public string Settings { get; }

    public RatingScale Scale { get; }

    /// <summary>μ, the mean of the training ratings.</summary>
    public double Mean { get; }

    /// <summary>Whether b_u and b_i (and μ) enter the estimate of a known pair.</summary>
    public bool Biases { get; }

    /// <summary>k (0 for a biases-only model).</summary>
    public int Rank { get; }

    public FoldInRule FoldInRule { get; }

    public int UserCount => _userIds.Length;

    public int ItemCount => _itemIds.Length;

    /// <summary>Training ratings (the length of every user's rated items together).</summary>
    public int RatingCount => _ratedItems.Length;

    public ReadOnlySpan<double> UserBias => _userBias;

    public ReadOnlySpan<double> ItemBias => _itemBias;

    public ReadOnlySpan<double> UserFactors => _userFactors;

    public ReadOnlySpan<double> ItemFactors => _itemFactors;

    public IReadOnlyList<string> UserIds => _userIds;

    public IReadOnlyList<string> ItemIds => _itemIds;

    /// <summary>Item titles by index, or null when the model has none; an entry is null when that title is unknown.</summary>
    public IReadOnlyList<string?>? ItemTitles => _itemTitles;

    /// <summary>The offsets of <see cref="RatedItems(int)"/> (users + 1), for writers.</summary>
    public ReadOnlySpan<int> RatedStart => _ratedStart;

    /// <summary>The items user <paramref name="user"/> rated in training, ascending.</summary>
    public ReadOnlySpan<int> RatedItems(int user) => _ratedItems.AsSpan(_ratedStart[user], _ratedStart[user + 1] - _ratedStart[user]);

    /// <summary>The number of training ratings of <paramref name="item"/> (its support).</summary>
    public int Support(int item) => _support[item];

    public bool TryGetUser(string id, out int index) => _userIndex.TryGetValue(id, out index);

    public bool TryGetItem(string id, out int index) => _itemIndex.TryGetValue(id, out index);

    /// <summary>Whether the pair is cold-start: its user or item (−1: not in the model) had no training rating.</summary>
    public bool IsColdStart(int user, int item) => !KnownUser(user) || !KnownItem(item);

    /// <summary>
    /// The unclipped estimate of a pair; −1 for a user or item the model does not know. A cold-start pair
    /// (<see cref="IsColdStart"/>) gets the baseline of what is known.
    /// </summary>
    public double Estimate(int user, int item)
    {
        bool knownUser = KnownUser(user), knownItem = KnownItem(item);
        if (knownUser && knownItem)
            return (Biases ? Mean + _userBias[user] + _itemBias[item] : 0) + SmallDense.Dot(UserRow(user), ItemRow(item));
        return Fallback(knownUser ? _userBias[user] : 0, knownItem ? _itemBias[item] : 0);
    }

    /// <summary><see cref="Estimate"/> clipped to <see cref="Scale"/>.</summary>
    public double Predict(int user, int item) => Scale.Clip(Estimate(user, item));

    /// <summary>The unclipped estimate of every item for a user of the model (the ranking score).</summary>
    public void ScoreItems(int user, Span<double> scores)
    {
        if ((uint)user >= (uint)UserCount) throw new ArgumentOutOfRangeException(nameof(user));
        Score(_userBias[user], UserRow(user), KnownUser(user), scores);
    }

    /// <summary>The unclipped estimate of every item for a folded-in user.</summary>
    public void ScoreItems(FoldedUser user, Span<double> scores) => Score(user.Bias, user.Factors, known: true, scores);

    /// <summary>
    /// The user's <paramref name="count"/> best-scored items among those not rated in training, leaving out items
    /// with fewer than <paramref name="minSupport"/> training ratings, after shrinking the scores of rarely rated items
    /// by <paramref name="shrinkage"/> β (<see cref="Shrink"/>).
    /// </summary>
    public ScoredItem[] Recommend(int user, int count, int minSupport = 0, double shrinkage = 0)
    {
        var scores = new double[ItemCount];
        ScoreItems(user, scores);
        Shrink(scores, KnownUser(user) ? _userBias[user] : 0, ShrinkWeights(shrinkage));
        return TopN.Select(scores, RatedItems(user), Eligible(minSupport), count);
    }

    /// <summary><see cref="Recommend(int, int, int, double)"/> for a folded-in user, excluding the items they rated.</summary>
    public ScoredItem[] Recommend(FoldedUser user, int count, int minSupport = 0, double shrinkage = 0)
    {
        var scores = new double[ItemCount];
        ScoreItems(user, scores);
        Shrink(scores, user.Bias, ShrinkWeights(shrinkage));
        return TopN.Select(scores, user.RatedItems, Eligible(minSupport), count);
    }

    /// <summary>
    /// <see cref="Recommend(int, int, int, double)"/> for every user at once, by blocks of users: the block's scores
    /// Q·P_blockᵀ come from one GEMM on <paramref name="backend"/> (default <see cref="Backends.Current"/>), the biases
    /// are added column by column, and each user's top N is a partial selection (<see cref="TopN"/>), in parallel on
    /// large blocks.
    /// </summary>
    public ScoredItem[][] RecommendAll(int count, int minSupport = 0, ILinalgBackend? backend = null, double shrinkage = 0)
    {
        backend ??= Backends.Current;
        int users = UserCount, items = ItemCount, k = Rank;
        var result = new ScoredItem[users][];
        if (users == 0 || items == 0)
        {
            Array.Fill(result, []);
            return result;
        }
        var eligible = Eligible(minSupport);
        var weights = ShrinkWeights(shrinkage);
        int block = Math.Clamp(BlockScores / items, 1, users);
        var scores = new double[(long)block * items];
        for (int first = 0; first < users; first += block)
        {
            int width = Math.Min(block, users - first);
            // Column j of the items × width block is user first + j: Aᵀ·B with A = Q (k × items column-major, i.e. the
            // item rows) and B = the block's user rows (k × width).
            if (k == 0) scores.AsSpan().Clear();
            else
                backend.Gemm(true, false, items, width, k, 1.0, _itemFactors, k, _userFactors.AsSpan(first * k, width * k), k, 0.0, scores, items);
            int start = first;
            void Select(int j)
            {
                int user = start + j;
                var column = scores.AsSpan(j * items, items);
                double userBias = KnownUser(user) ? _userBias[user] : 0;
                if (!KnownUser(user)) Score(0, [], known: false, column);
                else
                    for (int i = 0; i < items; i++)
                        column[i] = _support[i] == 0 ? Fallback(userBias, 0) : column[i] + (Biases ? Mean + userBias + _itemBias[i] : 0);
                Shrink(column, userBias, weights);
                result[user] = TopN.Select(column, RatedItems(user), eligible, count);
            }
            // A block of a few million scores is selected faster on one thread than the pool starts up.
            if ((long)width * items < ParallelScores)
                for (int j = 0; j < width; j++) Select(j);
            else
                Parallel.For(0, width, Select);
        }
        return result;
    }

    /// <summary>
    /// The <paramref name="count"/> items whose factors are closest to <paramref name="item"/>'s by cosine
    /// q_iᵀq_j / (‖q_i‖‖q_j‖) (0 against a zero vector), leaving out the item itself and items with fewer than
    /// <paramref name="minSupport"/> training ratings. A biases-only model has no factors to compare
    /// (<see cref="InvalidInputException"/>).
    /// </summary>
    public ScoredItem[] SimilarItems(int item, int count, int minSupport = 0)
    {
        if (Rank == 0) throw new InvalidInputException($"a {Method} model has no item factors (rank 0), so items have no similarity; save a factor model (als, sgd)");
        if ((uint)item >= (uint)ItemCount) throw new ArgumentOutOfRangeException(nameof(item));
        var q = ItemRow(item);
        double norm = Math.Sqrt(SmallDense.Dot(q, q));
        var similarity = new double[ItemCount];
        for (int j = 0; j < ItemCount; j++)
        {
            var other = ItemRow(j);
            double denominator = norm * Math.Sqrt(SmallDense.Dot(other, other));
            similarity[j] = denominator > 0 ? SmallDense.Dot(q, other) / denominator : 0;
        }
        return TopN.Select(similarity, [item], Eligible(minSupport), count);
    }

    /// <summary>
    /// Folds a user who is not in the model in from their ratings, without retraining: with the item parameters
    /// fixed, x = [b_u; p_u] (p_u alone without biases) is the closed-form ridge solution of
    /// (ZᵀZ + ρ·I)·x = Zᵀt over their n ratings, z_i = [1; q_i], t_i = r_ui − μ − b_i (without biases z_i = q_i,
    /// t_i = r_ui), ρ = λ·n^α (<see cref="FoldInRule"/>) plus 10⁻¹² of the mean diagonal — exactly one user's step of
    /// ALS-WR (Zhou et al. 2008, eq. 5) as <see cref="AlsPredictor"/> takes it, so that a training user folded in
    /// again gets back their trained factors once the sweeps have converged. For the baseline (k = 0) it is the user
    /// step b_u = Σ(r − μ − b_i)/(λ_u + n) of Koren (2010) §2.1. A singular system leaves the user at the baseline
    /// (zero bias and factors), as in training. Costs O(n·k² + k³): no pass over the catalogue.
    /// <para>
    /// Implicit feedback (Hu, Koren &amp; Volinsky, ICDM 2008, eq. 4) solves instead
    /// (YᵀY + Yᵀ(Cᵘ − I)Y + λI)·p_u = YᵀCᵘp(u) with confidences c_ui = 1 + α·r_ui over the user's n items. To add it,
    /// give <see cref="FoldInRule"/> a confidence weight (a new model-file version stores it) and branch in the
    /// normal equations below: YᵀY over all items is computed once per model (a lazy field), and the user's items add
    /// (c_ui − 1)·q_iq_iᵀ to it and c_ui·q_i to the right-hand side — the same O(n·k² + k³) per user.
    /// </para>
    /// </summary>
    /// <param name="items">The user's rated items (model indices), distinct; items without training ratings add nothing.</param>
    /// <param name="ratings">Their ratings, in <see cref="Scale"/>.</param>
    public FoldedUser FoldIn(ReadOnlySpan<int> items, ReadOnlySpan<double> ratings)
    {
        if (items.Length != ratings.Length) throw new ArgumentException("items and ratings must have the same length");
        var rated = items.ToArray();
        Array.Sort(rated);
        for (int t = 0; t < rated.Length; t++)
            if ((uint)rated[t] >= (uint)ItemCount || (t > 0 && rated[t] == rated[t - 1]))
                throw new ArgumentException($"item index {rated[t]} is outside the model or given twice");
        foreach (double r in ratings)
            if (!Scale.Contains(r)) throw new InvalidInputException($"the rating {r} is outside the model's scale {Scale}");
        int k = Rank, offset = Biases ? 1 : 0, d = k + offset, n = 0;
        var a = new double[d * d];
        var b = new double[d];
        var z = new double[d];
        for (int t = 0; t < items.Length; t++)
        {
            int item = items[t];
            if (_support[item] == 0) continue;
            n++;
            if (Biases) z[0] = 1;
            ItemRow(item).CopyTo(z.AsSpan(offset));
            double target = ratings[t] - (Biases ? Mean + _itemBias[item] : 0);
            for (int i = 0; i < d; i++)
            {
                b[i] += z[i] * target;
                for (int j = 0; j <= i; j++) a[i * d + j] += z[i] * z[j];
            }
        }
        var x = new double[d];
        if (n > 0 && d > 0)
        {
            double trace = 0;
            for (int i = 0; i < d; i++) trace += a[i * d + i];
            double ridge = FoldInRule.Ridge(n) + 1e-12 * trace / d;
            for (int i = 0; i < d; i++) a[i * d + i] += ridge;
            if (SmallCholesky.Solve(a, d, b)) b.CopyTo(x, 0);
        }
        return new FoldedUser(Biases ? x[0] : 0, x[offset..], rated);
    }

    private bool KnownUser(int user) => user >= 0 && _ratedStart[user + 1] > _ratedStart[user];

    private bool KnownItem(int item) => item >= 0 && _support[item] > 0;

    private ReadOnlySpan<double> UserRow(int user) => _userFactors.AsSpan(user * Rank, Rank);

    private ReadOnlySpan<double> ItemRow(int item) => _itemFactors.AsSpan(item * Rank, Rank);

    /// <summary>Scores every item for a user with bias <paramref name="userBias"/> and factors <paramref name="p"/>.</summary>
    private void Score(double userBias, ReadOnlySpan<double> p, bool known, Span<double> scores)
    {
        if (scores.Length != ItemCount) throw new ArgumentException($"scores must hold {ItemCount} items, not {scores.Length}");
        for (int i = 0; i < scores.Length; i++)
            scores[i] = known && _support[i] > 0
                ? (Biases ? Mean + userBias + _itemBias[i] : 0) + SmallDense.Dot(p, ItemRow(i))
                : Fallback(known ? userBias : 0, _support[i] > 0 ? _itemBias[i] : 0);
    }

    /// <summary>The baseline of a cold-start pair from the biases known for it: μ + b_u + b_i, μ alone without biases.</summary>
    private double Fallback(double userBias, double itemBias) => Mean + (Biases ? userBias + itemBias : 0);

    /// <summary>
    /// Shrinks each item's part of a user's scores towards the user's baseline by the item's support n_i:
    /// s ← s_u + (s − s_u)·n_i/(n_i + β) with s_u = μ + b_u (0 without biases), so that an item rated twice needs a far
    /// larger estimate than a popular one to reach the top (the support-based shrinkage n/(n + λ₂) that Koren 2010, §2.2,
    /// puts on similarities, here on the item term b_i + p_uᵀq_i). No-op for β = 0 (empty weights).
    /// </summary>
    private void Shrink(Span<double> scores, double userBias, double[] weights)
    {
        if (weights.Length == 0) return;
        double baseline = Biases ? Mean + userBias : 0;
        for (int i = 0; i < scores.Length; i++) scores[i] = baseline + (scores[i] - baseline) * weights[i];
    }

    /// <summary>n_i/(n_i + β) per item, or empty for β = 0.</summary>
    private double[] ShrinkWeights(double shrinkage)
    {
        if (!(shrinkage >= 0) || !double.IsFinite(shrinkage)) throw new InvalidInputException($"the shrinkage β must be a finite number ≥ 0, not {shrinkage}");
        if (shrinkage == 0) return [];
        var weights = new double[ItemCount];
        for (int i = 0; i < weights.Length; i++) weights[i] = _support[i] / (_support[i] + shrinkage);
        return weights;
    }

    /// <summary>Which items may be recommended: all (empty) when <paramref name="minSupport"/> ≤ 0, else those with that many training ratings.</summary>
    private bool[] Eligible(int minSupport)
    {
        if (minSupport <= 0) return [];
        var eligible = new bool[ItemCount];
        for (int i = 0; i < eligible.Length; i++) eligible[i] = _support[i] >= minSupport;
        return eligible;
    }

    private static Dictionary<string, int> Index(string[] ids, string what)
    {
        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (int t = 0; t < ids.Length; t++)
            if (!index.TryAdd(ids[t], t)) throw new ArgumentException($"the {what} id '{ids[t]}' appears twice");
        return index;
    }
}
