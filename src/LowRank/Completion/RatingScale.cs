namespace LowRank.Completion;

/// <summary>The closed interval ratings live in (MovieLens: 1 to 5). Predictions are clipped to it.</summary>
public readonly record struct RatingScale(double Min, double Max)
{
    /// <summary>(−∞, ∞): nothing is clipped (exact matrix completion, where values need not be ratings).</summary>
    public static RatingScale Unbounded => new(double.NegativeInfinity, double.PositiveInfinity);

    public double Clip(double value) => Math.Clamp(value, Min, Max);

    public bool Contains(double value) => value >= Min && value <= Max;

    public override string ToString() => $"[{Min:G}, {Max:G}]";
}
