namespace LowRank.Completion.Advanced;

/// <summary>Parameters of <see cref="Blend"/>.</summary>
/// <param name="HoldOutFraction">Share of the training ratings held out to fit the blending weights.</param>
/// <param name="Ridge">λ: penalty on the sum of squared component weights, against the unnormalised sum of squared hold-out
/// errors (the intercept is not penalised).</param>
/// <param name="Seed">Seed of the hold-out split.</param>
public sealed record BlendOptions(double HoldOutFraction = 0.1, double Ridge = 1.0, int Seed = 0)
{
    /// <summary>From the shared options: the seed of the hold-out split.</summary>
    public static BlendOptions From(CompletionOptions o) => new(Seed: o.Seed);
}
