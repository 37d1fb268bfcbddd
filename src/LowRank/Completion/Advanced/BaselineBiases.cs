namespace LowRank.Completion.Advanced;

/// <summary>
/// The baseline estimate b_ui = μ + b_u + b_i (Koren 2010, "Factor in the neighbors", §2.1), fitted by
/// alternating regularised least squares over the item and then the user biases (the decoupled estimate of §2.1, iterated as Surprise's <c>baseline_only</c> with method "als" does):
/// b_i = Σ_u (r_ui − μ − b_u) / (λ_i + |R(i)|), then b_u = Σ_i (r_ui − μ − b_i) / (λ_u + |R(u)|).
/// Internal helper of the advanced methods (the classic "baseline" method is separate).
/// </summary>
internal sealed class BaselineBiases
{
    private BaselineBiases(double mean, double[] userBias, double[] itemBias)
    {
        Mean = mean;
        UserBias = userBias;
        ItemBias = itemBias;
    }

    public double Mean { get; }

    public double[] UserBias { get; }

    public double[] ItemBias { get; }

    /// <summary>b_ui = μ + b_u + b_i.</summary>
    public double Estimate(int user, int item) => Mean + UserBias[user] + ItemBias[item];

    /// <summary>Fits the biases with Surprise's defaults (λ_i = 10, λ_u = 15, 10 sweeps) unless given.</summary>
    public static BaselineBiases Fit(RatingSet train, double itemRegularization = 10, double userRegularization = 15, int sweeps = 10)
    {
        double mean = train.GlobalMean;
        var users = train.Users;
        var items = train.Items;
        var values = train.Values;
        var bu = new double[train.UserCount];
        var bi = new double[train.ItemCount];
        for (int sweep = 0; sweep < sweeps; sweep++)
        {
            for (int i = 0; i < bi.Length; i++)
            {
                var entries = train.EntriesOfItem(i);
                double sum = 0;
                foreach (int e in entries) sum += values[e] - mean - bu[users[e]];
                bi[i] = sum / (itemRegularization + entries.Length);
            }
            for (int u = 0; u < bu.Length; u++)
            {
                var entries = train.EntriesOfUser(u);
                double sum = 0;
                foreach (int e in entries) sum += values[e] - mean - bi[items[e]];
                bu[u] = sum / (userRegularization + entries.Length);
            }
        }
        return new BaselineBiases(mean, bu, bi);
    }
}
