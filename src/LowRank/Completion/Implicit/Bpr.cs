using LowRank.Linalg;

namespace LowRank.Completion.Implicit;

/// <summary>
/// Bayesian personalised ranking with matrix factorisation: S. Rendle, C. Freudenthaler, Z. Gantner,
/// L. Schmidt-Thieme, "BPR: Bayesian personalized ranking from implicit feedback", UAI 2009. It maximises
/// BPR-Opt = Σ_(u,i,j)∈D_S ln σ(x̂_uij) − λ_Θ‖Θ‖² (§4.1), x̂_uij = x̂_ui − x̂_uj, over the triples of a user, an item
/// the user interacted with and one the user did not, by LearnBPR (§4.2, Fig. 4): draw (u, i) uniformly from the
/// interactions and j uniformly from the user's other items (bootstrap sampling with replacement), then
/// Θ ← Θ + α(σ(−x̂_uij)·∂x̂_uij/∂Θ − λ_Θ·Θ). The model is x̂_ui = b_i + w_uᵀh_i (§5.1's matrix factorisation plus an item
/// bias, as in implicit's and LightFM's BPR; the bias is dropped from x̂_uij's user gradient because it does not depend
/// on u), so ∂/∂w_u = h_i − h_j, ∂/∂h_i = w_u, ∂/∂h_j = −w_u, ∂/∂b_i = 1, ∂/∂b_j = −1.
/// With one thread a fit is the same for a seed. With more, each thread draws its own share of the triples from its own
/// seeded stream and updates the shared parameters without locks (the Hogwild! scheme of Recht, Ré, Wright &amp; Niu,
/// NIPS 2011): faster, but the interleaving, and so the result, differs from run to run.
/// </summary>
public sealed class Bpr(BprOptions options) : IImplicitRecommender
{
    private double[] _userFactors = [];
    private double[] _itemFactors = [];
    private double[] _itemBias = [];

    public string Name => "bpr";

    public BprOptions Options { get; } = options;

    public int UserCount { get; private set; }

    public int ItemCount { get; private set; }

    public void Fit(Interactions train, CancellationToken cancellationToken = default)
    {
        var o = Options;
        if (o.Factors < 1) throw new InvalidInputException($"bpr: the number of factors must be at least 1, not {o.Factors}");
        if (!(o.LearningRate > 0)) throw new InvalidInputException($"bpr: the learning rate must be > 0, not {o.LearningRate}");
        if (!(o.Regularization >= 0)) throw new InvalidInputException($"bpr: λ must be ≥ 0, not {o.Regularization}");
        if (o.Epochs < 0) throw new InvalidInputException($"bpr: epochs must be ≥ 0, not {o.Epochs}");
        if (o.Threads < 1) throw new InvalidInputException($"bpr: threads must be at least 1, not {o.Threads}");
        int k = o.Factors;
        UserCount = train.UserCount;
        ItemCount = train.ItemCount;
        var random = new Random(o.Seed);
        _userFactors = Initial(train.UserCount * k, o.InitStd, random);
        _itemFactors = Initial(train.ItemCount * k, o.InitStd, random);
        _itemBias = new double[train.ItemCount];
        if (train.Count == 0 || train.ItemCount < 2) return;
        // The user of every interaction, so that (u, i) is drawn uniformly from the interactions with one random number.
        var (start, items, _) = train.UserRows;
        var userOf = new int[train.Count];
        for (int u = 0; u < train.UserCount; u++) userOf.AsSpan(start[u], start[u + 1] - start[u]).Fill(u);
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (o.Threads == 1)
            {
                Learn(train, userOf, items, train.Count, random);
                continue;
            }
            int share = (train.Count + o.Threads - 1) / o.Threads;
            var seeds = Enumerable.Range(0, o.Threads).Select(_ => random.Next()).ToArray();
            Parallel.For(0, o.Threads, new ParallelOptions { MaxDegreeOfParallelism = o.Threads },
                t => Learn(train, userOf, items, share, new Random(seeds[t])));
        }
    }

    public void ScoreItems(int user, Span<double> scores)
    {
        if (scores.Length != ItemCount) throw new ArgumentException($"scores must have length {ItemCount}");
        int k = Options.Factors;
        var w = _userFactors.AsSpan(user * k, k);
        for (int i = 0; i < scores.Length; i++) scores[i] = _itemBias[i] + SmallDense.Dot(w, _itemFactors.AsSpan(i * k, k));
    }

    /// <summary>LearnBPR's loop (Fig. 4), <paramref name="samples"/> times: draw (u, i, j), step along ∂ ln σ(x̂_uij)/∂Θ − λ_Θ·Θ.</summary>
    private void Learn(Interactions train, int[] userOf, int[] items, int samples, Random random)
    {
        int k = Options.Factors;
        double lr = Options.LearningRate, reg = Options.Regularization;
        for (int s = 0; s < samples; s++)
        {
            int e = random.Next(userOf.Length);
            int u = userOf[e], i = items[e];
            var owned = train.ItemsOf(u);
            if (owned.Length == train.ItemCount) continue; // nothing to rank below
            int j;
            do j = random.Next(train.ItemCount); while (owned.BinarySearch(j) >= 0);
            var w = _userFactors.AsSpan(u * k, k);
            var hi = _itemFactors.AsSpan(i * k, k);
            var hj = _itemFactors.AsSpan(j * k, k);
            double x = _itemBias[i] - _itemBias[j];
            for (int f = 0; f < k; f++) x += w[f] * (hi[f] - hj[f]);
            double g = 1 / (1 + Math.Exp(x)); // σ(−x̂_uij) = e^{−x}/(1 + e^{−x})
            _itemBias[i] += lr * (g - reg * _itemBias[i]);
            _itemBias[j] += lr * (-g - reg * _itemBias[j]);
            for (int f = 0; f < k; f++)
            {
                double wf = w[f], hif = hi[f], hjf = hj[f];
                w[f] += lr * (g * (hif - hjf) - reg * wf);
                hi[f] += lr * (g * wf - reg * hif);
                hj[f] += lr * (-g * wf - reg * hjf);
            }
        }
    }

    /// <summary>N(0, σ²) numbers.</summary>
    private static double[] Initial(int length, double sigma, Random random)
    {
        var values = new double[length];
        Gaussian.Fill(values, random);
        for (int t = 0; t < values.Length; t++) values[t] *= sigma;
        return values;
    }
}
