using BenchmarkDotNet.Attributes;
using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.Linalg;

namespace LowRank.Benchmarks;

/// <summary>Exact and randomized SVD, and the approximation's error report, on Gaussian matrices.</summary>
[MemoryDiagnoser]
public class DecompositionBenchmarks
{
    private Matrix _square = null!;
    private Matrix _large = null!;

    [Params("native", "managed")]
    public string Backend { get; set; } = "native";

    private ILinalgBackend _backend = null!;

    [GlobalSetup]
    public void Setup()
    {
        _backend = Backends.Create(Backend);
        _square = Gaussian.Matrix(500, 500, new Random(0));
        _large = Gaussian.Matrix(2000, 1000, new Random(1));
    }

    [Benchmark]
    public double ExactSvd500() => ExactSvd.Compute(_square, true, _backend).S[0];

    [Benchmark]
    public double ValuesOnly500() => ExactSvd.Values(_square, _backend)[0];

    [Benchmark]
    public double Randomized2000x1000Rank20() =>
        RandomizedSvd.Compute(_large, 20, new RandomizedSvdOptions(), _backend).S[0];

    [Benchmark]
    public double ApproximateWithErrorReport2000x1000Rank20() =>
        LowRankApproximator.Approximate(_large, RankRule.Fixed(20), SvdMethod.Randomized, backend: _backend).RelErrorSpectral;
}
