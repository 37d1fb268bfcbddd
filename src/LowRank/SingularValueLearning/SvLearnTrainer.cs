using System.Diagnostics;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Losses;
using LowRank.Neural.Optimizers;
using LowRank.Neural.Schedules;

namespace LowRank.SingularValueLearning;

/// <summary>
/// Trains the SV-Learn networks (Xu, Shiao, Chen, Papalexakis, "SV-Learn", §III: a regression network from a flattened
/// matrix to its singular values). Deterministic for a seed, data set and thread count.
/// <para>Paper model: inputs scaled by one constant (1/RMS of the training entries) and targets by another (1/RMS of
/// the training σ) so that Adam's default step suits any data scale; both constants are folded into the first and last
/// layers afterwards, so the saved network reads raw matrices and writes raw σ, and the L1 loss is the paper's up to a
/// constant factor.</para>
/// <para>Improved model: <see cref="SpectralFeatures"/> (standardised per feature; folded into the first layer) →
/// σ/‖A‖_F through a <see cref="CumulativeSoftplus{T}"/> head, early stopping on a seeded validation split. It starts as
/// the no-learning <see cref="NormRatioBaseline"/> (see <see cref="StartAtBaseline"/>) and learns a correction to the
/// mean profile; early stopping may keep that start (epoch 0), so that with little data or few epochs the model falls
/// back to the baseline instead of far below it.</para>
/// </summary>
public static class SvLearnTrainer
{
    public static SvTrainingResult Train(SvDataset data, IReadOnlyList<int> train, SvLearnOptions options,
        Action<EpochReport>? onEpoch = null, ILinalgBackend? backend = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (train.Count == 0) throw new InvalidInputException("no training matrices");
        backend ??= Backends.Current;
        var clock = Stopwatch.StartNew();
        var result = options.Kind == SvModelKind.Paper
            ? TrainPaper(data, train, options, onEpoch, backend, cancellationToken)
            : TrainImproved(data, train, options, onEpoch, backend, cancellationToken);
        return result with { Seconds = clock.Elapsed.TotalSeconds };
    }

    private static SvTrainingResult TrainPaper(SvDataset data, IReadOnlyList<int> train, SvLearnOptions options,
        Action<EpochReport>? onEpoch, ILinalgBackend backend, CancellationToken cancellationToken)
    {
        var stack = data.Matrices;
        int p = data.Outputs;
        var x = new Tensor<float>(train.Count, stack.Size);
        var y = new Tensor<float>(train.Count, p);
        for (int r = 0; r < train.Count; r++)
        {
            stack.Flat(train[r]).CopyTo(x.Row(r));
            var target = y.Row(r);
            var sigma = data.Sigma(train[r]);
            for (int j = 0; j < p; j++) target[j] = (float)sigma[j];
        }
        float inScale = InverseRms(x.Span), outScale = 1 / InverseRms(y.Span);
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.Span, inScale, x.Span);
        System.Numerics.Tensors.TensorPrimitives.Multiply(y.Span, 1 / outScale, y.Span);

        var layers = Network(stack.Size, p, options, backend, out var first, out var last);
        var model = new Sequential<float>(layers);
        var history = Fit(model, x, y, null, null, options, onEpoch, cancellationToken, out int best);
        System.Numerics.Tensors.TensorPrimitives.Multiply(first.Weight.Value, inScale, first.Weight.Value);
        System.Numerics.Tensors.TensorPrimitives.Multiply(last.Weight.Value, outScale, last.Weight.Value);
        System.Numerics.Tensors.TensorPrimitives.Multiply(last.Bias!.Value, outScale, last.Bias.Value);
        model.Eval();
        return new SvTrainingResult(model, options, stack.Rows, stack.Cols, history, best, 0);
    }

    private static SvTrainingResult TrainImproved(SvDataset data, IReadOnlyList<int> train, SvLearnOptions options,
        Action<EpochReport>? onEpoch, ILinalgBackend backend, CancellationToken cancellationToken)
    {
        var stack = data.Matrices;
        int p = data.Outputs, count = SpectralFeatures.Count(stack.Rows, stack.Cols);
        var order = train.ToArray();
        new Random(options.Seed).Shuffle(order);
        int held = train.Count > 10 ? (int)(options.ValidationFraction * train.Count) : 0;
        var (x, y) = Features(data, order[held..]);
        var (vx, vy) = held > 0 ? Features(data, order[..held]) : (null, null);
        var (mean, scale) = Standardize(x, count);
        if (vx is not null) Apply(vx, mean, scale);

        var layers = Network(count, p, options, backend, out var first, out var last);
        StartAtBaseline(last, NormRatioBaseline.Fit(data, train).MeanRatio);
        var inner = new Sequential<float>([.. layers, new CumulativeSoftplus<float>()]);
        var history = Fit(inner, x, y, vx, vy, options, onEpoch, cancellationToken, out int best);
        // Fold the standardisation (f − mean)·scale into the first layer: W' = W·diag(scale), b' = b − W'·mean.
        for (int o = 0; o < first.OutFeatures; o++)
        {
            var w = first.Weight.Value.AsSpan(o * count, count);
            double shift = 0;
            for (int i = 0; i < count; i++)
            {
                w[i] = (float)(w[i] * scale[i]);
                shift += w[i] * mean[i];
            }
            first.Bias!.Value[o] -= (float)shift;
        }
        var model = new SpectralRegressor<float>(stack.Rows, stack.Cols, inner);
        model.Eval();
        return new SvTrainingResult(model, options, stack.Rows, stack.Cols, history, best, 0);
    }

    /// <summary>Linear → ReLU → [Dropout] per hidden width, then Linear to the outputs (SV-Learn §III).</summary>
    private static List<Module<float>> Network(int inputs, int outputs, SvLearnOptions options, ILinalgBackend backend,
        out Linear<float> first, out Linear<float> last)
    {
        var random = new Random(options.Seed);
        var layers = new List<Module<float>>();
        int width = inputs, index = 0;
        first = null!;
        foreach (int hidden in options.HiddenWidths)
        {
            var linear = new Linear<float>(width, hidden, bias: true, random, Initializer.HeNormal, backend);
            if (index == 0)
            {
                linear.NeedsInputGradient = false;
                first = linear;
            }
            layers.Add(linear);
            layers.Add(new ReLU<float>());
            if (options.DropoutProbability > 0) layers.Add(new Dropout<float>(options.DropoutProbability, options.Seed + ++index));
            else index++;
            width = hidden;
        }
        last = new Linear<float>(width, outputs, bias: true, random, Initializer.GlorotUniform, backend);
        layers.Add(last);
        return layers;
    }

    /// <summary>
    /// Makes the untrained improved network the no-learning baseline: zero weights in the last layer, and biases whose
    /// cumulative softplus (y_i = Σ_{j ≥ i} softplus(b_j)) is the training matrices' mean σ/‖A‖_F profile m̄ (over all
    /// of them, the validation ones included: the baseline the model is judged against), i.e. b_j = softplus⁻¹(m̄_j −
    /// m̄_{j+1}) with m̄_{p+1} = 0. What the network learns is then a correction to the mean profile that starts at zero
    /// (as a zero-initialised residual branch does). The start lives in ordinary layer parameters, so the model file
    /// format is unchanged. The mean of non-increasing profiles is
    /// non-increasing; increments below <see cref="SmallestIncrement"/> (flat or zero tails, whose softplus⁻¹ would be
    /// −∞) are raised to it, which moves each value of the profile by at most p·10⁻⁶.
    /// </summary>
    private static void StartAtBaseline(Linear<float> last, IReadOnlyList<double> meanRatio)
    {
        Array.Clear(last.Weight.Value);
        for (int j = 0; j < meanRatio.Count; j++)
        {
            double increment = Math.Max(SmallestIncrement, meanRatio[j] - (j + 1 < meanRatio.Count ? meanRatio[j + 1] : 0));
            // softplus⁻¹(d) = log(eᵈ − 1) = log(d) + d/2 + O(d²) for small d, where eᵈ − 1 would lose its digits.
            last.Bias!.Value[j] = (float)(increment < 1e-4 ? Math.Log(increment) + increment / 2 : Math.Log(Math.Exp(increment) - 1));
        }
    }

    /// <summary>The smallest softplus increment of the improved model's starting profile (<see cref="StartAtBaseline"/>).</summary>
    private const double SmallestIncrement = 1e-6;

    /// <summary>
    /// Adam with warm-up and cosine decay. With validation data, keeps the parameters of the epoch with the lowest
    /// validation loss — the untrained start counted as epoch 0 — and stops after <see cref="SvLearnOptions.Patience"/>
    /// epochs without a better one; <paramref name="bestEpoch"/> is that epoch (the last one without validation data).
    /// </summary>
    private static IReadOnlyList<EpochReport> Fit(Module<float> model, Tensor<float> x, Tensor<float> y, Tensor<float>? vx,
        Tensor<float>? vy, SvLearnOptions options, Action<EpochReport>? onEpoch, CancellationToken cancellationToken, out int bestEpoch)
    {
        Loss<float> loss = options.TrainingLoss switch
        {
            SvLoss.L1 => new L1Loss<float>(),
            SvLoss.Mse => new MSELoss<float>(),
            _ => new LogMSELoss<float>(),
        };
        var parameters = model.Parameters().ToArray();
        var optimizer = new Adam<float>(parameters, options.PeakLearningRate);
        long stepsPerEpoch = (x.Rows + options.BatchSize - 1) / options.BatchSize;
        long total = Math.Max(2, stepsPerEpoch * options.EpochLimit);
        var schedule = new CosineAnnealingLR(options.PeakLearningRate, total, warmupSteps: Math.Min(stepsPerEpoch, total - 1));
        var trainer = new Trainer<float>(model, loss, optimizer, schedule) { BatchSize = options.BatchSize, Seed = options.Seed };
        float[][]? best = null;
        double bestLoss = double.PositiveInfinity;
        int bestAt = 0, patience = 0;
        if (vx is not null)
        {
            bestLoss = trainer.Evaluate(vx, vy!);
            bestAt = 0;
            best = [.. parameters.Select(q => (float[])q.Value.Clone())];
        }
        var history = trainer.Fit(x, y, options.EpochLimit, report =>
        {
            onEpoch?.Invoke(report);
            if (report.ValidationLoss is not double v) return;
            if (v < bestLoss)
            {
                bestLoss = v;
                bestAt = report.Epoch;
                best = [.. parameters.Select(q => (float[])q.Value.Clone())];
                patience = 0;
            }
            else if (++patience >= options.Patience) trainer.Stop();
        }, vx, vy, cancellationToken);
        if (best is not null)
            for (int i = 0; i < parameters.Length; i++) best[i].CopyTo(parameters[i].Value, 0);
        bestEpoch = vx is null ? history.Count : bestAt;
        return history;
    }

    /// <summary>Features and σ/‖A‖_F of the given matrices, computed in parallel.</summary>
    private static (Tensor<float> X, Tensor<float> Y) Features(SvDataset data, IReadOnlyList<int> indices)
    {
        var stack = data.Matrices;
        int p = data.Outputs, count = SpectralFeatures.Count(stack.Rows, stack.Cols);
        var x = new Tensor<float>(indices.Count, count);
        var y = new Tensor<float>(indices.Count, p);
        Parallel.For(0, indices.Count, () => new double[count], (r, _, values) =>
        {
            double norm = SpectralFeatures.Compute(stack.Flat(indices[r]), stack.Rows, stack.Cols, values);
            var features = x.Row(r);
            for (int i = 0; i < count; i++) features[i] = (float)values[i];
            var sigma = data.Sigma(indices[r]);
            var target = y.Row(r);
            for (int j = 0; j < p; j++) target[j] = norm > 0 ? (float)(sigma[j] / norm) : 0;
            return values;
        }, _ => { });
        return (x, y);
    }

    /// <summary>Standardises each column of <paramref name="x"/> in place; returns the means and the 1/std factors.</summary>
    private static (double[] Mean, double[] Scale) Standardize(Tensor<float> x, int count)
    {
        var moments = new Statistics.RunningMoments[count];
        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            for (int i = 0; i < count; i++) moments[i].Add(row[i]);
        }
        var mean = new double[count];
        var scale = new double[count];
        for (int i = 0; i < count; i++)
        {
            mean[i] = moments[i].Mean;
            double std = moments[i].StandardDeviation;
            scale[i] = std > 1e-12 ? 1 / std : 1;
        }
        Apply(x, mean, scale);
        return (mean, scale);
    }

    private static void Apply(Tensor<float> x, double[] mean, double[] scale)
    {
        for (int r = 0; r < x.Rows; r++)
        {
            var row = x.Row(r);
            for (int i = 0; i < row.Length; i++) row[i] = (float)((row[i] - mean[i]) * scale[i]);
        }
    }

    private static float InverseRms(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values) sum += (double)v * v;
        double rms = Math.Sqrt(sum / Math.Max(1, values.Length));
        return rms > 0 && double.IsFinite(rms) ? (float)(1 / rms) : 1f;
    }
}
