using BenchmarkDotNet.Attributes;
using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.IO;

namespace LowRank.Benchmarks;

/// <summary>
/// Surprise's benchmark protocol: 5-fold cross-validation of als and sgd on MovieLens 100k, read from
/// ../shared/data/movielens-100k/u.data (or $MOVIELENS). MovieLens is never bundled; without it the synthetic
/// stand-in of <c>lowrank experiment completion</c> (same shape and density) is timed instead, and the data
/// column says so.
/// </summary>
[MemoryDiagnoser]
public class CompletionBenchmarks
{
    private RatingSet _ratings = null!;
    private static readonly EvaluationProtocol Protocol = new() { Folds = 5 };
    private IReadOnlyList<EvaluationSplit> _splits = null!;

    [Params("als", "sgd")]
    public string Algorithm { get; set; } = "als";

    [GlobalSetup]
    public void Setup()
    {
        string path = Environment.GetEnvironmentVariable("MOVIELENS") ?? FindMovieLens() ?? "";
        _ratings = File.Exists(path)
            ? RatingsFile.Read(path).Ratings
            : SyntheticRatings.Generate(943, 1682, rank: 5, density: 0.063, noise: 0.5, seed: 1);
        Console.WriteLine($"// data: {(File.Exists(path) ? path : "synthetic (MovieLens 100k not found)")}");
        _splits = Protocol.Splits(_ratings, null);
    }

    [Benchmark]
    public double FiveFold() =>
        MethodEvaluation.Run(Algorithm, Protocol, new CompletionOptions(), _splits).Rmse!.Value;

    internal static string? FindMovieLens()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "..", "shared", "data", "movielens-100k", "u.data");
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
