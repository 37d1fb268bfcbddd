namespace LowRank.Neural.Schedules;

/// <summary>
/// A learning rate as a function of the optimizer step (PyTorch <c>torch.optim.lr_scheduler</c>, stepped per batch):
/// <see cref="Trainer{T}"/> sets <c>optimizer.LearningRate = LearningRate(step)</c> before step 0, 1, 2, ….
/// </summary>
public abstract class LRScheduler
{
    /// <summary>The rate for the 0-based optimizer step <paramref name="step"/>.</summary>
    public abstract double LearningRate(long step);

    private protected static double Positive(double rate, string name) =>
        rate > 0 && double.IsFinite(rate) ? rate : throw new ArgumentOutOfRangeException(name, rate, "learning rate must be positive");
}
