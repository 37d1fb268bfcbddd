namespace LowRank.Neural.Schedules;

/// <summary>
/// Linear warm-up then cosine annealing (Loshchilov &amp; Hutter 2017, SGDR eq. 5, one cycle without restarts;
/// warm-up as in Goyal et al. 2017 §2.2): for step &lt; W the rate is η₀·(step + 1)/W, after that
/// η_min + ½(η₀ − η_min)(1 + cos(π·(step − W)/(T − W))), reaching η_min at step T and staying there.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    public CosineAnnealingLR(double learningRate, long totalSteps, double minLearningRate = 0, long warmupSteps = 0)
    {
        BaseRate = Positive(learningRate, nameof(learningRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(warmupSteps, totalSteps);
        if (!(minLearningRate >= 0 && minLearningRate <= learningRate))
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, "the minimum rate must be in [0, learningRate]");
        TotalSteps = totalSteps;
        MinRate = minLearningRate;
        WarmupSteps = warmupSteps;
    }

    public double BaseRate { get; }

    public long TotalSteps { get; }

    public double MinRate { get; }

    public long WarmupSteps { get; }

    public override double LearningRate(long step)
    {
        if (step < WarmupSteps) return BaseRate * (step + 1) / WarmupSteps;
        double t = Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        double rate = MinRate + 0.5 * (BaseRate - MinRate) * (1 + Math.Cos(Math.PI * t));
        return Math.Max(rate, double.Epsilon);
    }
}
