namespace LowRank.Neural.Schedules;

/// <summary>Step decay (PyTorch <c>StepLR</c>, counted in optimizer steps): η₀·γ^⌊step / stepSize⌋.</summary>
public sealed class StepLR : LRScheduler
{
    public StepLR(double learningRate, long stepSize, double gamma = 0.1)
    {
        BaseRate = Positive(learningRate, nameof(learningRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        if (!(gamma > 0 && gamma <= 1)) throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "γ must be in (0, 1]");
        StepSize = stepSize;
        Gamma = gamma;
    }

    public double BaseRate { get; }

    public long StepSize { get; }

    public double Gamma { get; }

    public override double LearningRate(long step) => BaseRate * Math.Pow(Gamma, step / StepSize);
}
