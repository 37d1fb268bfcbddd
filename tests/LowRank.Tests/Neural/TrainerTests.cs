using LowRank.Neural;
using LowRank.Neural.Losses;
using LowRank.Neural.Optimizers;
using LowRank.Neural.Schedules;
using Xunit;

namespace LowRank.Tests.Neural;

public class TrainerTests
{
    /// <summary>y = sin(x₀) + x₁² on 256 points, a 2-16-1 tanh network with dropout.</summary>
    private static (Trainer<float> Trainer, Tensor<float> X, Tensor<float> Y) Problem(int seed)
    {
        var random = new Random(0);
        var x = new Tensor<float>(256, 2);
        var y = new Tensor<float>(256, 1);
        for (int i = 0; i < 256; i++)
        {
            x[i, 0] = (float)(4 * random.NextDouble() - 2);
            x[i, 1] = (float)(2 * random.NextDouble() - 1);
            y[i, 0] = MathF.Sin(x[i, 0]) + x[i, 1] * x[i, 1];
        }
        var init = new Random(seed);
        var model = new Sequential<float>(new Linear<float>(2, 16, true, init, Initializer.GlorotUniform), new Tanh<float>(),
            new Dropout<float>(0.05, seed), new Linear<float>(16, 1, true, init, Initializer.GlorotUniform));
        var adam = new Adam<float>(model.Parameters(), 0.01);
        return (new Trainer<float>(model, new MSELoss<float>(), adam, new CosineAnnealingLR(0.02, 8 * 200, warmupSteps: 20))
            { BatchSize = 32, Seed = seed }, x, y);
    }

    [Fact]
    public void Training_reduces_the_loss_and_reports_every_epoch()
    {
        var (trainer, x, y) = Problem(1);
        var seen = new List<EpochReport>();
        var reports = trainer.Fit(x, y, 200, seen.Add, x, y);
        Assert.Equal(200, reports.Count);
        Assert.Equal(reports, seen);
        Assert.Equal(Enumerable.Range(1, 200), reports.Select(r => r.Epoch));
        Assert.True(reports[^1].TrainingLoss < 0.1 * reports[0].TrainingLoss, $"{reports[0].TrainingLoss} → {reports[^1].TrainingLoss}");
        Assert.True(reports[^1].ValidationLoss < 0.02, $"validation {reports[^1].ValidationLoss}");
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Seconds <= p.Second.Seconds));
    }

    [Fact]
    public void Same_seed_gives_bit_identical_training()
    {
        var (a, x, y) = Problem(3);
        var (b, _, _) = Problem(3);
        var (c, _, _) = Problem(4);
        var ra = a.Fit(x, y, 5);
        var rb = b.Fit(x, y, 5);
        var rc = c.Fit(x, y, 5);
        Assert.Equal(ra.Select(r => r.TrainingLoss), rb.Select(r => r.TrainingLoss));
        Assert.Equal(a.Model.Parameters().SelectMany(p => p.Value), b.Model.Parameters().SelectMany(p => p.Value));
        Assert.NotEqual(ra.Select(r => r.TrainingLoss), rc.Select(r => r.TrainingLoss));
    }

    [Fact]
    public void Cancellation_stops_training_and_Stop_ends_after_the_epoch()
    {
        var (trainer, x, y) = Problem(5);
        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => trainer.Fit(x, y, 100, r => { if (r.Epoch == 2) cts.Cancel(); }, cancellationToken: cts.Token));
        var reports = trainer.Fit(x, y, 100, r => { if (r.Epoch == 3) trainer.Stop(); });
        Assert.Equal(3, reports.Count);
    }

    [FactOnNativeBackend]
    public void A_training_step_and_a_validation_pass_do_not_allocate_once_warm()
    {
        // A property of the engine on the native kernels: Math.NET's managed gemm (LOWRANK_BACKEND=managed) allocates
        // temporaries of its own, which the engine cannot avoid.
        var (trainer, x, y) = Problem(6);
        var xb = new Tensor<float>(32, 2, x.Span[..64].ToArray());
        var yb = new Tensor<float>(32, 1, y.Span[..32].ToArray());
        trainer.TrainStep(xb, yb);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) trainer.TrainStep(xb, yb);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        trainer.Evaluate(x, y);
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) trainer.Evaluate(x, y);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
