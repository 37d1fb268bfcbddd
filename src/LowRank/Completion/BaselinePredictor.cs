namespace LowRank.Completion;

/// <summary>
/// The baseline estimate r̂_ui = μ + b_u + b_i of Y. Koren, "Factor in the neighbors: scalable and accurate
/// collaborative filtering", ACM TKDD 4(1), 2010, §2.1, fitted as Surprise's <c>BaselineOnly</c> with
/// <c>method='als'</c> (<c>baseline_als</c>): alternately b_i = Σ_u (r_ui − μ − b_u) / (λ_i + |U_i|) for every item,
/// then b_u = Σ_i (r_ui − μ − b_i) / (λ_u + |I_u|) for every user.
/// </summary>
public sealed class BaselinePredictor(BaselineOptions options) : FactorModel
{
    public override string Name => "baseline";

    public BaselineOptions Options { get; } = options;

    protected override int Factors => 0;

    protected override bool UseBiases => true;

    /// <summary>The unclipped baseline b_ui = μ + b_u + b_i, the reference that neighbourhood models correct (Koren 2010, eq. 1).</summary>
    public double Estimate(int user, int item) => PredictRaw(user, item);

    protected override void Learn(RatingSet train, CancellationToken cancellationToken)
    {
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Update(train, ItemBias, UserBias, byUser: false, Options.ItemRegularization);
            Update(train, UserBias, ItemBias, byUser: true, Options.UserRegularization);
        }
    }

    private void Update(RatingSet train, double[] own, double[] other, bool byUser, double regularization)
    {
        for (int row = 0; row < own.Length; row++)
        {
            var entries = byUser ? train.EntriesOfUser(row) : train.EntriesOfItem(row);
            double sum = 0;
            foreach (int e in entries) sum += train.Values[e] - Mean - other[byUser ? train.Items[e] : train.Users[e]];
            own[row] = sum / (regularization + entries.Length);
        }
    }
}
