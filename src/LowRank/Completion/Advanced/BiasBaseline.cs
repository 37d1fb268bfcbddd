namespace LowRank.Completion.Advanced;

/// <summary>
/// The baseline predictor r̂_ui = μ + b_u + b_i of <see cref="BaselineBiases"/> (Koren 2010, §2.1), the simple
/// component of the default <see cref="Blend"/>.
/// </summary>
internal sealed class BiasBaseline : RatingPredictor
{
    private BaselineBiases? _biases;

    public override string Name => "bias-baseline";

    protected override void FitCore(RatingSet train, CancellationToken cancellationToken) =>
        _biases = BaselineBiases.Fit(train);

    protected override double PredictRaw(int user, int item) =>
        (_biases ?? throw new InvalidOperationException($"{Name}: call Fit first")).Estimate(user, item);
}
