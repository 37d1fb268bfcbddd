using LowRank.Completion.Saved;
using LowRank.Linalg;

namespace LowRank.Completion;

/// <summary>
/// The biased latent-factor model of Koren, Bell &amp; Volinsky, "Matrix factorization techniques for recommender
/// systems", IEEE Computer 42(8), 2009, eq. 4: r̂_ui = μ + b_u + b_i + p_uᵀq_i. As in Surprise, a user or item
/// without training ratings contributes neither its bias nor the product. Without biases the model is r̂_ui = p_uᵀq_i,
/// and a pair whose user or item has no training rating gets the training mean (the baseline, never 0).
/// Factors are stored row by row: p_u = <see cref="UserFactors"/>[u·k .. u·k + k).
/// </summary>
public abstract class FactorModel : RatingPredictor
{
    /// <summary>k, latent factors per user and item (0 for a biases-only model).</summary>
    protected abstract int Factors { get; }

    /// <summary>Whether μ, b_u and b_i are part of the model.</summary>
    protected abstract bool UseBiases { get; }

    protected double Mean { get; set; }

    protected double[] UserBias { get; private set; } = [];

    protected double[] ItemBias { get; private set; } = [];

    protected double[] UserFactors { get; private set; } = [];

    protected double[] ItemFactors { get; private set; } = [];

    private bool[] _knownUser = [];
    private bool[] _knownItem = [];
    private double _trainingMean;

    protected sealed override void FitCore(RatingSet train, CancellationToken cancellationToken)
    {
        int k = Factors;
        _trainingMean = train.GlobalMean;
        Mean = UseBiases ? _trainingMean : 0;
        UserBias = new double[train.UserCount];
        ItemBias = new double[train.ItemCount];
        UserFactors = new double[train.UserCount * k];
        ItemFactors = new double[train.ItemCount * k];
        _knownUser = Enumerable.Range(0, train.UserCount).Select(u => train.EntriesOfUser(u).Length > 0).ToArray();
        _knownItem = Enumerable.Range(0, train.ItemCount).Select(i => train.EntriesOfItem(i).Length > 0).ToArray();
        Learn(train, cancellationToken);
    }

    /// <summary>Fits the biases and factors (allocated, zero) to <paramref name="train"/>; <see cref="Mean"/> is set.</summary>
    protected abstract void Learn(RatingSet train, CancellationToken cancellationToken);

    protected override double PredictRaw(int user, int item)
    {
        double estimate = Mean;
        bool knownUser = _knownUser[user], knownItem = _knownItem[item];
        if (!UseBiases && !(knownUser && knownItem)) return _trainingMean;
        if (knownUser) estimate += UserBias[user];
        if (knownItem) estimate += ItemBias[item];
        if (knownUser && knownItem) estimate += Dot(user, item);
        return estimate;
    }

    /// <summary>All items at once: μ + b_u + b_i + Q p_u, with the same rules for unknown users and items as <see cref="PredictRaw"/>.</summary>
    public override void ScoreItems(int user, Span<double> scores)
    {
        if (!_knownUser[user] || !UseBiases)
        {
            base.ScoreItems(user, scores);
            return;
        }
        int k = Factors;
        var p = UserFactors.AsSpan(user * k, k);
        double userPart = Mean + UserBias[user];
        for (int item = 0; item < scores.Length; item++)
            scores[item] = _knownItem[item] ? userPart + ItemBias[item] + SmallDense.Dot(p, ItemFactors.AsSpan(item * k, k)) : userPart;
    }

    /// <summary>p_uᵀq_i.</summary>
    protected double Dot(int user, int item)
    {
        int k = Factors;
        return SmallDense.Dot(UserFactors.AsSpan(user * k, k), ItemFactors.AsSpan(item * k, k));
    }

    /// <summary>
    /// The fitted parameters with the training set's rated items as a self-contained <see cref="SavedRecommender"/>
    /// (arrays copied): see <see cref="SavedRecommenders.From"/>. μ is the training mean even without biases, for the
    /// fallback of cold-start pairs.
    /// </summary>
    internal SavedRecommender Snapshot(string settings, FoldInRule foldIn, IReadOnlyList<string> userIds, IReadOnlyList<string> itemIds,
        IReadOnlyList<string?>? itemTitles)
    {
        var train = Train;
        if (userIds.Count != train.UserCount || itemIds.Count != train.ItemCount)
            throw new ArgumentException($"{userIds.Count} user and {itemIds.Count} item ids for a model of {train.UserCount}×{train.ItemCount}");
        var (start, rated) = RatedItems(train);
        return new SavedRecommender(Name, settings, train.Scale, UseBiases ? Mean : train.GlobalMean, UseBiases, Factors, foldIn,
            [.. UserBias], [.. ItemBias], [.. UserFactors], [.. ItemFactors], [.. userIds], [.. itemIds], start, rated,
            itemTitles is null ? null : [.. itemTitles]);
    }

    /// <summary>Each user's rated items, increasing, as row offsets (length users + 1) and items: a saved model's rated lists.</summary>
    internal static (int[] Start, int[] Rated) RatedItems(RatingSet train)
    {
        var start = new int[train.UserCount + 1];
        var rated = new int[train.Count];
        for (int u = 0; u < train.UserCount; u++)
        {
            var entries = train.EntriesOfUser(u);
            var items = rated.AsSpan(start[u], entries.Length);
            for (int t = 0; t < entries.Length; t++) items[t] = train.Items[entries[t]];
            items.Sort();
            start[u + 1] = start[u] + entries.Length;
        }
        return (start, rated);
    }

    /// <summary>Fills <paramref name="factors"/> with N(0, σ²) numbers from <paramref name="random"/>.</summary>
    protected static void Initialise(double[] factors, double sigma, Random random)
    {
        Gaussian.Fill(factors, random);
        for (int t = 0; t < factors.Length; t++) factors[t] *= sigma;
    }
}
