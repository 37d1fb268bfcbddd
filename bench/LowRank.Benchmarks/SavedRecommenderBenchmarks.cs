using BenchmarkDotNet.Attributes;
using LowRank.Completion;
using LowRank.Completion.Saved;
using LowRank.IO;

namespace LowRank.Benchmarks;

/// <summary>
/// Serving a saved ALS model (default settings) of MovieLens 100k (or the synthetic stand-in of
/// <see cref="CompletionBenchmarks"/>): folding in one new user from 20 ratings and ranking the catalogue for them
/// (target ≤ 5 ms), and every user's top 10 at once (<c>recommend --all</c> without the process start and the CSV).
/// </summary>
[MemoryDiagnoser]
public class SavedRecommenderBenchmarks
{
    private SavedRecommender _model = null!;
    private int[] _items = null!;
    private double[] _ratings = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = Environment.GetEnvironmentVariable("MOVIELENS") ?? CompletionBenchmarks.FindMovieLens() ?? "";
        var ratings = File.Exists(path)
            ? RatingsFile.Read(path).Ratings
            : SyntheticRatings.Generate(943, 1682, rank: 5, density: 0.063, noise: 0.5, seed: 1);
        Console.WriteLine($"// data: {(File.Exists(path) ? path : "synthetic (MovieLens 100k not found)")}");
        var als = new AlsPredictor(new AlsOptions());
        als.Fit(ratings);
        _model = SavedRecommenders.From(als, Enumerable.Range(0, ratings.UserCount).Select(u => $"{u}").ToArray(),
            Enumerable.Range(0, ratings.ItemCount).Select(i => $"{i}").ToArray());
        // The first 20 ratings of the first user with at least 20, as a new user's.
        int user = Enumerable.Range(0, ratings.UserCount).First(u => ratings.EntriesOfUser(u).Length >= 20);
        var entries = ratings.EntriesOfUser(user)[..20].ToArray();
        _items = entries.Select(e => ratings.Items[e]).ToArray();
        _ratings = entries.Select(e => ratings.Values[e]).ToArray();
    }

    [Benchmark]
    public FoldedUser FoldIn20() => _model.FoldIn(_items, _ratings);

    [Benchmark]
    public ScoredItem[] FoldIn20AndRecommend10() => _model.Recommend(_model.FoldIn(_items, _ratings), 10);

    [Benchmark]
    public ScoredItem[][] RecommendAllTop10() => _model.RecommendAll(10);
}
