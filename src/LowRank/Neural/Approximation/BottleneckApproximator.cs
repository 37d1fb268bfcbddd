using System.Diagnostics;
using System.Numerics;
using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Neural.Losses;
using LowRank.Neural.Optimizers;
using LowRank.Neural.Schedules;

namespace LowRank.Neural.Approximation;

/// <summary>
/// Rank-k approximation by a linear network with a choke point of k neurons, trained on x ↦ A·x and compared with
/// the truncated SVD (the study of Bleckel; Eckart–Young 1936 gives the optimum). For x ~ N(0, I) the expected
/// mean squared error is ‖W − A‖_F²/m, whose rank-≤k minimiser is the truncated SVD, and a linear bottleneck network
/// has no spurious local minima (Baldi &amp; Hornik 1989, "Neural networks and principal component analysis"), so
/// a well-conditioned trainer must reach the SVD.
/// <para>
/// What makes it reach it: the trainer works on Â = A/σ₁ (unit spectral norm, so one learning rate fits every
/// matrix) and scales the result back; the network is bias-free with He-normal weights (<see cref="Initializer.HeNormal"/>), as in the study; Adam runs
/// with β₂ = 0.9 (see <see cref="AdamBeta2"/>), a linear warm-up over the first 2 % of the steps and cosine decay
/// to zero (<see cref="CosineAnnealingLR"/>), so the late steps average out the sampling noise of mini-batches
/// instead of hovering around the optimum.
/// </para>
/// </summary>
public static class BottleneckApproximator
{
    /// <summary>
    /// Trains a network of <see cref="BottleneckOptions.Design"/> on <paramref name="a"/> (m×n: n inputs, m outputs)
    /// and measures it against the SVD. Defaults: Samples — batches of 128, 200 epochs up to width 64 (fewer beyond,
    /// about 12,800/width, at least 30); Frobenius — full batch, 2,000 steps up to width 128, 1,000 beyond; peak
    /// learning rate 0.03 (Adam) or 0.05 (SGD with Nesterov momentum 0.9). Weights are drawn from
    /// <c>Random(Seed)</c>, samples from a second generator derived from the seed, so a seed fixes the run (for a
    /// given BLAS thread count). The errors are measured about 100 times per run (25 for widths over 128, where a
    /// measurement costs an SVD of the residual) and passed to <paramref name="onEpoch"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">A rank outside 1..min(m, n), a non-finite entry, or an option out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between batches).</exception>
    public static BottleneckResult Fit(Matrix a, BottleneckOptions options, Action<BottleneckEpoch>? onEpoch = null,
        CancellationToken cancellationToken = default, ILinalgBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(options);
        backend ??= Backends.Current;
        var plan = BottleneckPlan.From(a.Rows, a.Cols, options);
        if (!a.AllFinite()) throw new InvalidInputException("the matrix has NaN or infinite entries");
        var clock = Stopwatch.StartNew();
        double[] sigma = ExactSvd.Values(a, backend);
        var reference = new BottleneckReference(a, sigma, options.Rank);
        return options.Float64
            ? Train<double>(a, options, plan, reference, onEpoch, cancellationToken, backend, clock)
            : Train<float>(a, options, plan, reference, onEpoch, cancellationToken, backend, clock);
    }

    /// <summary>The layer widths of a design for n inputs, a choke point of k and m outputs (see <see cref="BottleneckDesign"/>).</summary>
    public static int[] Widths(BottleneckDesign design, int n, int k, int m)
    {
        switch (design)
        {
            case BottleneckDesign.NnKn: return [n, n, k, m];
            case BottleneckDesign.NKn: return [n, k, m];
            case BottleneckDesign.Funnel:
                var widths = new List<int> { n };
                for (int p = n > 1 ? (int)BitOperations.RoundUpToPowerOf2((uint)n) / 2 : 0; p > k; p /= 2) widths.Add(p);
                widths.Add(k);
                for (int p = (int)BitOperations.RoundUpToPowerOf2((uint)k + 1); p < m; p *= 2) widths.Add(p);
                widths.Add(m);
                return [.. widths];
            default:
                throw new ArgumentOutOfRangeException(nameof(design), design, "unknown design");
        }
    }

    /// <summary>
    /// The m×n matrix a bias-free linear network computes, W = W_L···W₁, multiplied out in double precision.
    /// Accepts <see cref="Linear{T}"/> without bias, <see cref="Identity{T}"/> and nested <see cref="Sequential{T}"/>.
    /// </summary>
    public static Matrix EffectiveMatrix<T>(Module<T> network, int inputs, ILinalgBackend? backend = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        backend ??= Backends.Current;
        Matrix? product = null;
        foreach (var layer in Flatten(network))
        {
            switch (layer)
            {
                case Linear<T> { Bias: null } linear:
                    var w = LayerWeight(linear);
                    if (product is not null && product.Rows != w.Cols)
                        throw new ArgumentException($"a layer of {w.Cols} inputs follows one of {product.Rows} outputs");
                    product = product is null ? w : backend.Multiply(w, product);
                    break;
                case Identity<T>:
                    break;
                default:
                    throw new ArgumentException($"{layer.GetType().Name} is not a bias-free linear layer; the network has no matrix");
            }
        }
        product ??= Matrix.Identity(inputs);
        if (product.Cols != inputs) throw new ArgumentException($"the network takes {product.Cols} inputs, not {inputs}");
        return product;
    }

    /// <summary>
    /// Adam's β₂. The default 0.999 remembers the squared gradients of about 1000 steps; he_normal starts the product
    /// of three layers far larger than Â, so those first gradients are huge, and for a thousand steps afterwards the
    /// update m/√v is tiny: the network stalls near the saddle at W = 0 (measured: a 100×100 photo at k = 1 stays at
    /// 4× the SVD's error after 1000 steps with 0.999, reaches 1.0000× with 0.9).
    /// </summary>
    private const double AdamBeta2 = 0.9;

    private static IEnumerable<Module<T>> Flatten<T>(Module<T> module) where T : unmanaged, IFloatingPointIeee754<T> =>
        module is Sequential<T> s ? s.Layers.SelectMany(Flatten) : [module];

    private static BottleneckResult Train<T>(Matrix a, BottleneckOptions options, BottleneckPlan plan, BottleneckReference reference,
        Action<BottleneckEpoch>? onEpoch, CancellationToken cancellationToken, ILinalgBackend backend, Stopwatch clock)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, k = options.Rank;
        int[] widths = Widths(options.Design, n, k, m);
        var weightRandom = new Random(options.Seed);
        var network = new Sequential<T>(Enumerable.Range(0, widths.Length - 1)
            .Select(i => (Module<T>)new Linear<T>(widths[i], widths[i + 1], bias: false, weightRandom, Initializer.HeNormal, backend)));
        ((Linear<T>)network.Layers[0]).NeedsInputGradient = false;
        var history = new List<BottleneckEpoch>();
        double? secondsTo101 = null;
        if (reference.Sigma1 == 0)
        {
            // A = 0 needs no training: a zero last layer makes the network compute W = 0, the exact answer.
            Array.Clear(((Linear<T>)network.Layers[^1]).Weight.Value);
        }
        else
        {
            var scaled = a.Clone();
            foreach (ref double x in scaled.Data.AsSpan()) x /= reference.Sigma1;
            var (inputs, targets) = TrainingData<T>(scaled, options, backend);
            Optimizer<T> optimizer = options.Optimizer == "sgd"
                ? new SGD<T>(network.Parameters(), plan.LearningRate, momentum: 0.9, nesterov: true)
                : new Adam<T>(network.Parameters(), plan.LearningRate, beta2: AdamBeta2);
            long steps = (long)plan.Epochs * plan.StepsPerEpoch(inputs.Rows);
            var schedule = new CosineAnnealingLR(plan.LearningRate, steps, 0, Math.Min(steps - 1, Math.Max(1, steps / 50)));
            double resolution = Resolution<T>();
            var trainer = new Trainer<T>(network, new MSELoss<T>(), optimizer, schedule) { BatchSize = plan.BatchSize, Seed = options.Seed };
            trainer.Fit(inputs, targets, plan.Epochs, report =>
            {
                if (report.Epoch % plan.EvaluateEvery != 0 && report.Epoch != plan.Epochs) return;
                var (spectral, frobenius) = reference.ScaledErrors(EffectiveMatrix(network, n, backend), backend);
                double loss = report.TrainingLoss * reference.Sigma1 * reference.Sigma1; // back to A's units
                var epoch = new BottleneckEpoch(report.Epoch, loss, report.Seconds, spectral, frobenius);
                history.Add(epoch);
                onEpoch?.Invoke(epoch);
                if (secondsTo101 is null && reference.Reached(spectral, 1.01, resolution)) secondsTo101 = epoch.Seconds;
                if (options.StopAtRatio is double stop && reference.Reached(spectral, stop, resolution)) trainer.Stop();
            }, cancellationToken: cancellationToken);
        }
        var effective = EffectiveMatrix(network, n, backend);
        foreach (ref double x in effective.Data.AsSpan()) x *= reference.Sigma1;
        var layers = network.Layers.Select(layer => LayerWeight((Linear<T>)layer)).ToArray();
        foreach (ref double x in layers[^1].Data.AsSpan()) x *= reference.Sigma1; // the network learnt A/σ₁
        return reference.Assess(effective, options.Design, options.Objective, history, secondsTo101, clock.Elapsed.TotalSeconds,
            network.ParameterCount(), backend) with { Layers = layers };
    }

    /// <summary>A layer's weight (out×in) as a double matrix (a copy).</summary>
    private static Matrix LayerWeight<T>(Linear<T> linear) where T : unmanaged, IFloatingPointIeee754<T> =>
        new Tensor<T>(linear.OutFeatures, linear.InFeatures, linear.Weight.Value).ToMatrix();

    /// <summary>
    /// √ε of the training precision (3.5e-4 in float32, 1.5e-8 in float64): where the SVD's error is 0 (k = rank A),
    /// a relative network error below this counts as reaching it, as no ratio to 0 can.
    /// </summary>
    private static double Resolution<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        Math.Sqrt(double.CreateTruncating(T.BitIncrement(T.One) - T.One));

    /// <summary>Samples: N rows x ~ N(0, I) and targets Â·x. Frobenius: the n unit vectors and the columns of Â, both times √n.</summary>
    private static (Tensor<T> Inputs, Tensor<T> Targets) TrainingData<T>(Matrix scaled, BottleneckOptions options, ILinalgBackend backend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = scaled.Rows, n = scaled.Cols;
        if (options.Objective == TrainingObjective.Frobenius)
        {
            // √n·eᵢ has the second moment I of an N(0, I) sample, so the loss ‖W − Â‖_F²/m is the sampled loss's
            // expectation and the gradients have the same scale under both objectives (which Adam's ε sees).
            double root = Math.Sqrt(n);
            var basis = Matrix.Identity(n);
            var columns = scaled.Transpose();
            foreach (ref double x in basis.Data.AsSpan()) x *= root;
            foreach (ref double x in columns.Data.AsSpan()) x *= root;
            return (Tensor<T>.FromMatrix(basis), Tensor<T>.FromMatrix(columns));
        }
        // Row-major X (N×n) is the column-major Xᵀ (n×N); the row-major targets X·Âᵀ are the column-major Â·Xᵀ.
        var xt = BottleneckSamples.Inputs(n, options.Samples, options.Seed);
        var yt = backend.Multiply(scaled, xt);
        return (new Tensor<T>(options.Samples, n, Convert<T>(xt.Data)), new Tensor<T>(options.Samples, m, Convert<T>(yt.Data)));
    }

    private static T[] Convert<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = T.CreateTruncating(values[i]);
        return result;
    }
}
