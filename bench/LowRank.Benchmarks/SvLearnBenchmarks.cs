using BenchmarkDotNet.Attributes;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.SingularValueLearning;

namespace LowRank.Benchmarks;

/// <summary>
/// SV-Learn's speed claim: 4,096 random 32×32 matrices, their exact singular values (LAPACK dgesdd values-only per
/// matrix over all cores, the baseline) against batched float32 inference of the paper's network (1024-512-256-32) and of
/// the improved model (72 features, 256-256-32, features included). Inference time does not depend on the weights, so
/// untrained networks of the trained shapes are timed. matrices/s = 4,096 / mean.
/// </summary>
public class SvLearnBenchmarks
{
    private const int Count = 4_096;

    private readonly ILinalgBackend _backend = Backends.Create("native");
    private MatrixStack _stack = null!;
    private Module<float> _paper = null!, _improved = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        var values = new double[Count * 32 * 32];
        Gaussian.Fill(values, random);
        _stack = MatrixStack.FromValues(Count, 32, 32, values);
        _paper = new Sequential<float>(
            new Linear<float>(1024, 512, true, random, Initializer.HeNormal, _backend), new ReLU<float>(),
            new Linear<float>(512, 256, true, random, Initializer.HeNormal, _backend), new ReLU<float>(),
            new Linear<float>(256, 32, true, random, Initializer.HeNormal, _backend));
        _improved = new SpectralRegressor<float>(32, 32, new Sequential<float>(
            new Linear<float>(SpectralFeatures.Count(32, 32), 256, true, random, Initializer.HeNormal, _backend), new ReLU<float>(),
            new Linear<float>(256, 256, true, random, Initializer.HeNormal, _backend), new ReLU<float>(),
            new Linear<float>(256, 32, true, random, Initializer.HeNormal, _backend), new CumulativeSoftplus<float>()));
    }

    [Benchmark(Baseline = true)]
    public double[] ExactValuesOnlySvd() => SingularValueLabels.Compute(_stack, _backend);

    [Benchmark]
    public double[] PaperModel() => SvPredictor.Predict(_paper, _stack);

    [Benchmark]
    public double[] ImprovedModel() => SvPredictor.Predict(_improved, _stack);
}
