using System.Numerics;

namespace LowRank.Neural.Optimizers;

/// <summary>
/// Updates parameters from their gradients (PyTorch <c>torch.optim.Optimizer</c>). <see cref="LearningRate"/> may
/// be changed between steps, which is how a <see cref="Schedules.LRScheduler"/> drives it.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected Optimizer(IEnumerable<Parameter<T>> parameters, double learningRate)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be positive");
        Parameters = [.. parameters];
        LearningRate = learningRate;
    }

    public IReadOnlyList<Parameter<T>> Parameters { get; }

    public double LearningRate { get; set; }

    /// <summary>Steps taken so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>One update from the current gradients; frozen parameters (<see cref="Parameter{T}.RequiresGrad"/> false) are left alone.</summary>
    public void Step()
    {
        StepCount++;
        for (int i = 0; i < Parameters.Count; i++)
            if (Parameters[i].RequiresGrad) Update(i, Parameters[i]);
    }

    /// <summary>Updates parameter <paramref name="index"/> in place; <see cref="StepCount"/> is already the new step's number (1 first).</summary>
    private protected abstract void Update(int index, Parameter<T> parameter);
}
