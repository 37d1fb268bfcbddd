using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Losses;
using LowRank.Neural.Optimizers;
using LowRank.Neural.Schedules;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Compression.Networks;

/// <summary>
/// A multilayer perceptron classifier (Linear + ReLU, …, Linear to the class logits) trained with softmax cross-entropy
/// and Adam (Kingma &amp; Ba 2015) — the network whose weight matrices the compression experiment factorises.
/// </summary>
public static class MlpClassifier
{
    /// <summary>inputs → hidden[0] → … → classes, ReLU between layers, He-initialised weights and zero biases.</summary>
    public static Sequential<float> Build(int inputs, IReadOnlyList<int> hidden, int classes, int seed, ILinalgBackend? backend = null)
    {
        var random = new Random(seed);
        var modules = new List<Module<float>>();
        int width = inputs;
        foreach (int h in hidden)
        {
            modules.Add(new Linear<float>(width, h, bias: true, random, Initializer.HeNormal, backend));
            modules.Add(new ReLU<float>());
            width = h;
        }
        modules.Add(new Linear<float>(width, classes, bias: true, random, Initializer.HeNormal, backend));
        ((Linear<float>)modules[0]).NeedsInputGradient = false;
        return new Sequential<float>(modules);
    }

    /// <summary>
    /// Trains the parameters of <paramref name="model"/> that are not frozen (<see cref="Parameter{T}.RequiresGrad"/>)
    /// as <paramref name="plan"/> says; returns the epoch reports.
    /// </summary>
    public static IReadOnlyList<EpochReport> Train(Module<float> model, ClassificationSet data, TrainingPlan plan,
        Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        long steps = (long)plan.Epochs * ((data.Count + plan.BatchSize - 1) / plan.BatchSize);
        if (steps == 0) return [];
        var optimizer = new Adam<float>(model.Parameters().Where(p => p.RequiresGrad), plan.LearningRate, weightDecay: plan.WeightDecay);
        var schedule = new CosineAnnealingLR(plan.LearningRate, steps, warmupSteps: (long)(plan.WarmupFraction * steps));
        var trainer = new Trainer<float>(model, new CrossEntropyLoss<float>(), optimizer, schedule) { BatchSize = plan.BatchSize, Seed = plan.Seed };
        return trainer.Fit(data.Inputs, data.Targets, plan.Epochs, onEpoch, cancellationToken: cancellationToken);
    }

    /// <summary>The share of samples whose largest logit is the label's, in evaluation mode, in batches.</summary>
    public static double Accuracy(Module<float> model, ClassificationSet data, int batchSize = 1000)
    {
        model.Eval();
        int correct = 0;
        var batch = new Tensor<float>(Math.Min(batchSize, Math.Max(1, data.Count)), data.Inputs.Cols);
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int rows = Math.Min(batchSize, data.Count - start);
            batch.Resize(rows);
            data.Inputs.Span.Slice(start * data.Inputs.Cols, rows * data.Inputs.Cols).CopyTo(batch.Span);
            var logits = model.Forward(batch);
            for (int i = 0; i < rows; i++)
                if (TP.IndexOfMax<float>(logits.Row(i)) == data.Labels[start + i]) correct++;
        }
        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }
}
