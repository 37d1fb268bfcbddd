namespace LowRank.Completion;

/// <summary>
/// Biased matrix factorisation by stochastic gradient descent (S. Funk, "Netflix update: try this at home", 2006;
/// Koren, Bell &amp; Volinsky 2009, eq. 5 and the update rules after it), written to match Surprise's <c>SVD</c>
/// (<c>matrix_factorization.pyx</c>, <c>SVD.sgd</c>) so that the two are compared like with like: factors start
/// N(0, 0.1²), biases 0; for each rating e = r − r̂, then b_u += γ(e − λb_u), b_i += γ(e − λb_i),
/// p_u += γ(e·q_i − λp_u), q_i += γ(e·p_u − λq_i) with the old p_u and q_i. One difference: the ratings are visited
/// in a fresh seeded random order every epoch (Surprise keeps the training set's order).
/// </summary>
public sealed class SgdPredictor(SgdOptions options) : FactorModel
{
    public override string Name => "sgd";

    public SgdOptions Options { get; } = options;

    protected override int Factors => Options.Rank >= 1
        ? Options.Rank
        : throw new InvalidInputException($"sgd: the rank (number of factors) must be at least 1, not {Options.Rank}");

    protected override bool UseBiases => true;

    protected override void Learn(RatingSet train, CancellationToken cancellationToken)
    {
        var random = new Random(Options.Seed);
        Initialise(UserFactors, Options.InitStd, random);
        Initialise(ItemFactors, Options.InitStd, random);
        int k = Factors;
        double lr = Options.LearningRate, reg = Options.Regularization;
        var order = Enumerable.Range(0, train.Count).ToArray();
        var users = train.Users;
        var items = train.Items;
        var values = train.Values;
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            foreach (int e in order)
            {
                int u = users[e], i = items[e];
                var p = UserFactors.AsSpan(u * k, k);
                var q = ItemFactors.AsSpan(i * k, k);
                double err = values[e] - (Mean + UserBias[u] + ItemBias[i] + SmallDense.Dot(p, q));
                UserBias[u] += lr * (err - reg * UserBias[u]);
                ItemBias[i] += lr * (err - reg * ItemBias[i]);
                SmallDense.FactorStep(p, q, err, lr, reg);
            }
        }
    }
}
