namespace LowRank.Completion.Advanced;

/// <summary>
/// Parameters of <see cref="SvdPlusPlus"/>. Defaults are tuned on MovieLens 100k (5-fold cross-validation);
/// Surprise's SVDpp uses 20 factors, 20 epochs, learning rate 0.007, regularisation 0.02 for everything.
/// </summary>
/// <param name="Factors">f: latent dimensions of p_u, q_i and y_j.</param>
/// <param name="Epochs">Passes over the users.</param>
/// <param name="LearningRate">γ₂: step of the factor updates (Koren 2008, §4).</param>
/// <param name="Regularization">λ₇: weight decay of p_u, q_i, y_j.</param>
/// <param name="BiasLearningRate">γ₁: step of the bias updates.</param>
/// <param name="BiasRegularization">λ₆: weight decay of b_u, b_i.</param>
/// <param name="LearningRateDecay">Both steps are multiplied by this after every epoch (Koren uses 0.9).</param>
/// <param name="InitialStd">Standard deviation of the random initial factors (biases and y start at 0).</param>
/// <param name="Seed">Seed of the initial factors and of the visiting order.</param>
public sealed record SvdPlusPlusOptions(
    int Factors = 20,
    int Epochs = 50,
    double LearningRate = 0.01,
    double Regularization = 0.1,
    double BiasLearningRate = 0.005,
    double BiasRegularization = 0.02,
    double LearningRateDecay = 0.92,
    double InitialStd = 0.1,
    int Seed = 0)
{
    /// <summary>
    /// From the shared options: rank (factors), epochs, regularisation and seed; the rest keeps its tuned default,
    /// except that the decay is stretched over other epoch counts (decay^epochs stays the default's 0.92⁵⁰), so that
    /// more epochs train longer instead of adding steps of negligible size.
    /// </summary>
    public static SvdPlusPlusOptions From(CompletionOptions o)
    {
        var defaults = new SvdPlusPlusOptions();
        int epochs = o.Epochs ?? defaults.Epochs;
        return defaults with
        {
            Factors = o.Rank ?? defaults.Factors,
            Epochs = epochs,
            LearningRateDecay = Math.Pow(defaults.LearningRateDecay, (double)defaults.Epochs / epochs),
            Regularization = o.Regularization ?? defaults.Regularization,
            Seed = o.Seed,
        };
    }
}
