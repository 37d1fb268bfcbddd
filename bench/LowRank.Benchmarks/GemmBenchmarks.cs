using BenchmarkDotNet.Attributes;
using LowRank.Linalg;

namespace LowRank.Benchmarks;

/// <summary>The sketch products of the randomized SVD: A·Q and Aᵀ·Q with a tall thin Q, in double and single precision.</summary>
public class GemmBenchmarks
{
    private Matrix _a = null!, _q = null!, _c = null!;
    private float[] _af = null!, _qf = null!, _cf = null!;
    private readonly ILinalgBackend _backend = Backends.Create("native");

    [Params(2000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _a = Gaussian.Matrix(N, N, new Random(0));
        _q = Gaussian.Matrix(N, 110, new Random(1));
        _c = new Matrix(N, 110);
        _af = _a.Data.Select(x => (float)x).ToArray();
        _qf = _q.Data.Select(x => (float)x).ToArray();
        _cf = new float[N * 110];
    }

    [Benchmark(Baseline = true)]
    public void Dgemm() => _backend.Gemm(false, false, N, 110, N, 1.0, _a.Data, N, _q.Data, N, 0.0, _c.Data, N);

    [Benchmark]
    public void DgemmTransposed() => _backend.Gemm(true, false, N, 110, N, 1.0, _a.Data, N, _q.Data, N, 0.0, _c.Data, N);

    [Benchmark]
    public void Sgemm() => _backend.Gemm(false, false, N, 110, N, 1f, _af, N, _qf, N, 0f, _cf, N);
}
