using System.Diagnostics;
using LowRank.Compression.Networks;
using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Serialization;

namespace LowRank.Experiments;

/// <summary>
/// Low-rank compression and low-rank adaptation of an MLP classifier on Fashion-MNIST.
/// (1) Train the network. (2) Replace each weight matrix by its truncated SVD factors (<see cref="LayerSvd{T}"/>;
/// Sainath et al. 2013, Denton et al. 2014), ranks chosen by the uniform, energy and budget rules
/// (<see cref="RankAllocation"/>), and measure test accuracy against the weights kept, before and after a short
/// fine-tuning of the factors. (3) On a shifted task — the same images upside down — freeze the network and train
/// LoRA adapters ΔW = (α/r)·B·A of rank r (Hu et al. 2021), against full fine-tuning and the frozen network, and ask
/// whether the full fine-tuning update ΔW is itself nearly low-rank (the share of ‖ΔW‖_F² in its top r singular values).
/// Protocol: the test set only measures. Training, fine-tuning, the input scaling, the ranks and the network judged at
/// the weight target (<see cref="AtTarget"/>) are all fixed from the training set and the settings alone, with fixed
/// epoch counts (no early stopping), so no reported accuracy was selected on the test set.
/// </summary>
public static class CompressNetExperiment
{
    /// <summary>Rows per forward pass when measuring inference throughput.</summary>
    public const int InferenceBatch = 1000;

    public static CompressNetResults Run(CompressNetSettings settings, Action<string>? progress = null,
        CancellationToken cancellationToken = default, ILinalgBackend? backend = null)
    {
        backend ??= Backends.Current;
        var clock = Stopwatch.StartNew();
        var scaling = ClassificationSet.Scaling(settings.Train);
        ClassificationSet Set(LabelledImages images) => ClassificationSet.FromImages(images, settings.Classes, scaling);
        var train = Set(settings.Train);
        var test = Set(settings.Test);

        var model = MlpClassifier.Build(train.Inputs.Cols, settings.Hidden, settings.Classes, settings.Seed, backend);
        var baseReports = MlpClassifier.Train(model, train, settings.Base with { Seed = settings.Seed },
            r => progress?.Invoke($"training {Widths(train, settings)}: epoch {r.Epoch}/{settings.Base.Epochs}, loss {r.TrainingLoss:0.####}"), cancellationToken);
        double baseSeconds = baseReports.Count > 0 ? baseReports[^1].Seconds : 0;
        double baseAccuracy = MlpClassifier.Accuracy(model, test);

        progress?.Invoke("SVD of every weight matrix");
        var compressor = new NetworkCompressor<float>(model, backend);
        var points = new List<CompressionPoint>();
        CompressionPoint Measure(string rule, double setting, int?[] ranks, bool fineTune)
        {
            progress?.Invoke($"{rule} {setting:0.###}: ranks {string.Join(", ", ranks.Select(k => k?.ToString() ?? "dense"))}{(fineTune ? ", fine-tuning" : "")}");
            var compressed = compressor.Compress(ranks);
            double accuracy = MlpClassifier.Accuracy(compressed, test);
            double? tuned = null, seconds = null;
            if (fineTune)
            {
                var reports = MlpClassifier.Train(compressed, train, settings.FineTune with { Seed = settings.Seed + 1 }, cancellationToken: cancellationToken);
                tuned = MlpClassifier.Accuracy(compressed, test);
                seconds = reports.Count > 0 ? reports[^1].Seconds : 0;
            }
            long weights = RankAllocation.Weights(compressor.Spectra, ranks);
            return new CompressionPoint(rule, setting, ranks, weights, (double)weights / compressor.DenseWeights, compressed.ParameterCount(),
                accuracy, tuned, seconds);
        }
        foreach (double share in settings.Budgets)
            points.Add(Measure("budget", share, RankAllocation.Budget(compressor.Spectra, (long)(share * compressor.DenseWeights)), fineTune: true));
        foreach (int k in settings.UniformRanks)
            points.Add(Measure("uniform", k, RankAllocation.Uniform(compressor.Spectra, k), fineTune: true));
        foreach (double f in settings.EnergyShares)
            points.Add(Measure("energy", f, RankAllocation.Energy(compressor.Spectra, f), fineTune: false));

        var atTarget = AtTarget(points, settings.TargetShare);
        progress?.Invoke("inference throughput");
        double inference = Throughput(model, test, settings.InferenceRepeats);
        double? compressedInference = atTarget is null ? null : Throughput(compressor.Compress([.. atTarget.Ranks]), test, settings.InferenceRepeats);

        var (frozenAccuracy, adaptations, updates) = Adapt(model, settings, scaling, progress, cancellationToken, backend);
        return new CompressNetResults
        {
            Widths = [train.Inputs.Cols, .. settings.Hidden, settings.Classes],
            TrainCount = train.Count,
            TestCount = test.Count,
            BaseAccuracy = baseAccuracy,
            BaseWeights = compressor.DenseWeights,
            BaseParameters = model.ParameterCount(),
            BaseLoss = [.. baseReports.Select(r => r.TrainingLoss)],
            BaseTrainingSeconds = baseSeconds,
            TrainingSamplesPerSecond = baseSeconds > 0 ? (double)train.Count * baseReports.Count / baseSeconds : 0,
            Spectra = compressor.Spectra,
            Compressed = points,
            AtTarget = atTarget,
            TargetShare = settings.TargetShare,
            InferenceSamplesPerSecond = inference,
            CompressedInferenceSamplesPerSecond = compressedInference,
            ShiftedTask = ShiftedTaskName,
            FrozenAccuracy = frozenAccuracy,
            Adaptations = adaptations,
            UpdateSpectra = updates,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// The network that answers the target "≤ <paramref name="share"/> of the weights, fine-tuned": the fine-tuned point
    /// with the most weights within the share (on a tie, the first listed). It is chosen before any accuracy is looked at
    /// — picking the best test accuracy among the candidates would select on the test set and report an optimistic
    /// number; the test set only measures.
    /// </summary>
    public static CompressionPoint? AtTarget(IEnumerable<CompressionPoint> points, double share) =>
        points.Where(p => p.FineTunedAccuracy is not null && p.WeightShare <= share).MaxBy(p => p.Weights);

    /// <summary>The shifted task of the adapter experiment.</summary>
    public const string ShiftedTaskName = "the same images upside down (rows reversed), same labels";

    private static (double Frozen, List<AdapterPoint> Points, List<UpdateSpectrum> Updates) Adapt(Sequential<float> model,
        CompressNetSettings settings, (double Mean, double Std) scaling, Action<string>? progress, CancellationToken cancellationToken,
        ILinalgBackend backend)
    {
        var train = ClassificationSet.FromImages(settings.Train.FlipVertically(), settings.Classes, scaling);
        var test = ClassificationSet.FromImages(settings.Test.FlipVertically(), settings.Classes, scaling);
        double frozen = MlpClassifier.Accuracy(model, test);
        var plan = settings.Adaptation with { Seed = settings.Seed + 2 };
        var points = new List<AdapterPoint>();

        progress?.Invoke("full fine-tuning on the shifted task");
        var full = (Sequential<float>)ModelFile.Clone(model, backend);
        ((Linear<float>)full.Layers[0]).NeedsInputGradient = false;
        double seconds = Seconds(MlpClassifier.Train(full, train, plan, cancellationToken: cancellationToken));
        points.Add(new AdapterPoint(null, full.TrainableParameterCount(), 0, MlpClassifier.Accuracy(full, test), seconds, null));
        var updates = UpdateSpectra(model, full, settings.AdapterRanks, backend);

        foreach (int r in settings.AdapterRanks)
        {
            progress?.Invoke($"LoRA adapters of rank {r} on the shifted task");
            var adapted = LowRankAdapters.Wrap(model, r, settings.AdapterAlpha, settings.Seed + r, backend);
            seconds = Seconds(MlpClassifier.Train(adapted, train, plan, cancellationToken: cancellationToken));
            double accuracy = MlpClassifier.Accuracy(adapted, test);
            var merged = LowRankAdapters.Merge(adapted, backend);
            int trainable = adapted.TrainableParameterCount();
            points.Add(new AdapterPoint(r, trainable, adapted.ParameterCount() - trainable, accuracy, seconds, MaxDifference(adapted, merged, test)));
        }
        return (frozen, points, updates);
    }

    private static List<UpdateSpectrum> UpdateSpectra(Sequential<float> before, Sequential<float> after, IReadOnlyList<int> ranks, ILinalgBackend backend)
    {
        var pairs = before.Layers.OfType<Linear<float>>().Zip(after.Layers.OfType<Linear<float>>()).ToList();
        return [.. pairs.Select((pair, i) =>
        {
            var (w0, w1) = pair;
            var delta = new Matrix(w0.OutFeatures, w0.InFeatures);
            for (int r = 0; r < delta.Rows; r++)
                for (int c = 0; c < delta.Cols; c++)
                    delta[r, c] = (double)w1.Weight.Value[r * delta.Cols + c] - w0.Weight.Value[r * delta.Cols + c];
            var spectrum = new LayerSpectrum(delta.Rows, delta.Cols, ExactSvd.Values(delta, backend));
            return new UpdateSpectrum(i + 1, spectrum, ranks, [.. ranks.Select(spectrum.Energy)]);
        })];
    }

    /// <summary>The largest |difference| between two networks' outputs over a data set.</summary>
    private static double MaxDifference(Module<float> a, Module<float> b, ClassificationSet data)
    {
        a.Eval();
        b.Eval();
        var x = data.Inputs;
        double max = 0;
        var batch = new Tensor<float>(0, x.Cols);
        for (int start = 0; start < data.Count; start += InferenceBatch)
        {
            int rows = Math.Min(InferenceBatch, data.Count - start);
            batch.Resize(rows);
            x.Span.Slice(start * x.Cols, rows * x.Cols).CopyTo(batch.Span);
            var ya = a.Forward(batch).Span.ToArray();
            var yb = b.Forward(batch).Span;
            for (int i = 0; i < ya.Length; i++) max = Math.Max(max, Math.Abs(ya[i] - yb[i]));
        }
        return max;
    }

    /// <summary>Samples per second of forward passes over the data in batches of <see cref="InferenceBatch"/>, median of the repeats.</summary>
    private static double Throughput(Module<float> model, ClassificationSet data, int repeats)
    {
        model.Eval();
        var batch = new Tensor<float>(0, data.Inputs.Cols);
        var rates = new double[Math.Max(1, repeats)];
        for (int rep = 0; rep < rates.Length; rep++)
        {
            var clock = Stopwatch.StartNew();
            for (int start = 0; start < data.Count; start += InferenceBatch)
            {
                int rows = Math.Min(InferenceBatch, data.Count - start);
                batch.Resize(rows);
                data.Inputs.Span.Slice(start * data.Inputs.Cols, rows * data.Inputs.Cols).CopyTo(batch.Span);
                model.Forward(batch);
            }
            rates[rep] = data.Count / clock.Elapsed.TotalSeconds;
        }
        Array.Sort(rates);
        return rates[rates.Length / 2];
    }

    private static double Seconds(IReadOnlyList<EpochReport> reports) => reports.Count > 0 ? reports[^1].Seconds : 0;

    private static string Widths(ClassificationSet train, CompressNetSettings settings) =>
        string.Join("-", new[] { train.Inputs.Cols }.Concat(settings.Hidden).Append(settings.Classes));
}
