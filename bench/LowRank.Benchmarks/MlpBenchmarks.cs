using BenchmarkDotNet.Attributes;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Optimizers;

namespace LowRank.Benchmarks;

/// <summary>
/// The neural engine against the bare BLAS it is built on: a 1024-512-512-32 ReLU network in float32, batches of
/// 256. <see cref="RawSgemm"/> issues exactly the nine sgemm calls one forward + backward pass needs (per layer:
/// forward Yᵀ = W·Xᵀ, weight gradient Xᵀ·dY, input gradient Wᵀ·dYᵀ), so engine time / sgemm time is the engine's
/// overhead (bias, activations, buffer handling). <see cref="EngineTrainingStep"/> adds the Adam update.
/// One pass is 3 · 2 · 256 · (1024·512 + 512·512 + 512·32) = 1.233 GFlop, so the FLOP rate of each method is
/// 1.233 GFlop / its mean time, and the engine's share of the sgemm rate is the inverse of its Ratio column.
/// </summary>
public class MlpBenchmarks
{
    private static readonly int[] Widths = [1024, 512, 512, 32];
    private const int Batch = 256;

    private readonly ILinalgBackend _backend = Backends.Create("native");
    private Sequential<float> _model = null!;
    private Adam<float> _adam = null!;
    private Tensor<float> _x = null!, _gradOutput = null!;
    private float[][] _w = null!, _dw = null!, _act = null!, _grad = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        _model = new Sequential<float>(
            new Linear<float>(1024, 512, true, random, Initializer.HeNormal, _backend), new ReLU<float>(),
            new Linear<float>(512, 512, true, random, Initializer.HeNormal, _backend), new ReLU<float>(),
            new Linear<float>(512, 32, true, random, Initializer.HeNormal, _backend));
        _adam = new Adam<float>(_model.Parameters());
        _x = Filled(Batch, 1024, random);
        _gradOutput = Filled(Batch, 32, random);
        _w = [.. Enumerable.Range(0, 3).Select(l => Filled(Widths[l + 1], Widths[l], random).Data)];
        _dw = [.. Enumerable.Range(0, 3).Select(l => new float[Widths[l + 1] * Widths[l]])];
        _act = [.. Widths.Select(w => Filled(Batch, w, random).Data)];
        _grad = [.. Widths.Select(w => Filled(Batch, w, random).Data)];
    }

    [Benchmark(Baseline = true)]
    public void RawSgemm()
    {
        for (int l = 0; l < 3; l++)
        {
            int fin = Widths[l], fout = Widths[l + 1];
            _backend.Gemm(true, false, fout, Batch, fin, 1f, _w[l], fin, _act[l], fin, 0f, _act[l + 1], fout);
        }
        for (int l = 2; l >= 0; l--)
        {
            int fin = Widths[l], fout = Widths[l + 1];
            _backend.Gemm(false, true, fin, fout, Batch, 1f, _act[l], fin, _grad[l + 1], fout, 0f, _dw[l], fin);
            _backend.Gemm(false, false, fin, Batch, fout, 1f, _w[l], fin, _grad[l + 1], fout, 0f, _grad[l], fin);
        }
    }

    [Benchmark]
    public void EngineForwardBackward()
    {
        _model.Forward(_x);
        _model.Backward(_gradOutput);
    }

    [Benchmark]
    public void EngineTrainingStep()
    {
        _model.Forward(_x);
        _model.Backward(_gradOutput);
        _adam.Step();
    }

    private static Tensor<float> Filled(int rows, int cols, Random random)
    {
        var t = new Tensor<float>(rows, cols);
        for (int i = 0; i < t.Span.Length; i++) t.Span[i] = (float)(random.NextDouble() - 0.5);
        return t;
    }
}
