using System.Diagnostics;
using System.Numerics;
using LowRank.Neural.Losses;
using LowRank.Neural.Optimizers;
using LowRank.Neural.Schedules;

namespace LowRank.Neural;

/// <summary>
/// Mini-batch training: each epoch visits the samples in a fresh order drawn from a generator seeded with
/// <see cref="Seed"/> (Fisher–Yates), and for each batch runs forward, loss, backward, a scheduled learning rate and
/// an optimizer step. The batch buffers are allocated once, so the loop itself does not allocate; the same seed,
/// data and thread count give the same result. Cancellation is checked between batches.
/// </summary>
public sealed class Trainer<T>(Module<T> model, Loss<T> loss, Optimizer<T> optimizer, LRScheduler? scheduler = null)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private bool _stop;
    private Tensor<T>? _evalX, _evalY;

    public Module<T> Model { get; } = model;

    public Loss<T> Loss { get; } = loss;

    public Optimizer<T> Optimizer { get; } = optimizer;

    /// <summary>Sets the optimizer's learning rate before each step; null keeps the optimizer's own rate.</summary>
    public LRScheduler? Scheduler { get; } = scheduler;

    public int BatchSize { get; init; } = 32;

    public int Seed { get; init; }

    /// <summary>Whether each epoch reorders the samples (the default); false visits them in order.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Ends <see cref="Fit"/> after the current epoch (call it from the epoch callback, e.g. for early stopping).</summary>
    public void Stop() => _stop = true;

    /// <summary>
    /// Trains for <paramref name="epochs"/> epochs on inputs <paramref name="x"/> and targets <paramref name="y"/>
    /// (one sample per row), calling <paramref name="onEpoch"/> after each epoch. Returns the epoch reports.
    /// </summary>
    public IReadOnlyList<EpochReport> Fit(Tensor<T> x, Tensor<T> y, int epochs, Action<EpochReport>? onEpoch = null,
        Tensor<T>? validationX = null, Tensor<T>? validationY = null, CancellationToken cancellationToken = default)
    {
        if (x.Rows != y.Rows) throw new ArgumentException($"{x.Rows} inputs but {y.Rows} targets");
        if ((validationX is null) != (validationY is null)) throw new ArgumentException("give both validation inputs and targets, or neither");
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        int n = x.Rows, batch = Math.Min(BatchSize, Math.Max(1, n));
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(Seed);
        var xb = new Tensor<T>(batch, x.Cols);
        var yb = new Tensor<T>(batch, y.Cols);
        var reports = new List<EpochReport>(epochs);
        var clock = Stopwatch.StartNew();
        _stop = false;
        for (int epoch = 1; epoch <= epochs && !_stop; epoch++)
        {
            if (Shuffle) random.Shuffle(order);
            Model.Train();
            double sum = 0;
            for (int start = 0; start < n; start += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rows = Math.Min(batch, n - start);
                Gather(x, order, start, rows, xb);
                Gather(y, order, start, rows, yb);
                sum += rows * TrainStep(xb, yb);
            }
            double? validation = validationX is null ? null : Evaluate(validationX, validationY!);
            var report = new EpochReport(epoch, sum / Math.Max(1, n), clock.Elapsed.TotalSeconds, validation);
            reports.Add(report);
            onEpoch?.Invoke(report);
        }
        return reports;
    }

    /// <summary>One optimizer step on one batch; returns the batch loss before the step.</summary>
    public double TrainStep(Tensor<T> xb, Tensor<T> yb)
    {
        if (Scheduler is not null) Optimizer.LearningRate = Scheduler.LearningRate(Optimizer.StepCount);
        var prediction = Model.Forward(xb);
        double value = Loss.Forward(prediction, yb);
        Model.Backward(Loss.Backward());
        Optimizer.Step();
        return value;
    }

    /// <summary>
    /// The mean loss over a data set in evaluation mode, in batches of <see cref="BatchSize"/>; leaves the model in
    /// evaluation mode. The batch buffers are kept between calls, so a validation pass per epoch does not allocate.
    /// </summary>
    public double Evaluate(Tensor<T> x, Tensor<T> y)
    {
        if (x.Rows != y.Rows) throw new ArgumentException($"{x.Rows} inputs but {y.Rows} targets");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        Model.Eval();
        int n = x.Rows, batch = Math.Min(BatchSize, Math.Max(1, n));
        double sum = 0;
        for (int start = 0; start < n; start += batch)
        {
            int rows = Math.Min(batch, n - start);
            _evalX = Tensor<T>.Reuse(_evalX, rows, x.Cols);
            _evalY = Tensor<T>.Reuse(_evalY, rows, y.Cols);
            x.Span.Slice(start * x.Cols, rows * x.Cols).CopyTo(_evalX.Span);
            y.Span.Slice(start * y.Cols, rows * y.Cols).CopyTo(_evalY.Span);
            sum += rows * Loss.Forward(Model.Forward(_evalX), _evalY);
        }
        return sum / Math.Max(1, n);
    }

    private static void Gather(Tensor<T> source, int[] order, int start, int rows, Tensor<T> target)
    {
        target.Resize(rows);
        for (int r = 0; r < rows; r++) source.Row(order[start + r]).CopyTo(target.Row(r));
    }
}
