namespace LowRank.Neural.Schedules;

/// <summary>The same rate at every step.</summary>
public sealed class ConstantLR(double learningRate) : LRScheduler
{
    public double BaseRate { get; } = Positive(learningRate, nameof(learningRate));

    public override double LearningRate(long step) => BaseRate;
}
