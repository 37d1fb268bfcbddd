namespace LowRank.Cli.Output;

/// <summary>
/// Surprise's published 5-fold cross-validation results on MovieLens 100k (surpriselib.com, "Benchmarks"), matched
/// to the LowRank method that implements the same algorithm.
/// </summary>
internal static class SurpriseReference
{
    public sealed record Entry(string SurpriseName, string? Method, double Rmse, double Mae);

    public static readonly Entry[] MovieLens100k =
    [
        new("SVD", "sgd", 0.934, 0.737),
        new("SVD++", "svdpp", 0.919, 0.721),
        new("KNNBaseline", "knn-baseline", 0.931, 0.733),
        new("BaselineOnly", "baseline", 0.944, 0.748),
        new("NMF", null, 0.963, 0.758),
    ];

    /// <summary>The Surprise result of the same algorithm as <paramref name="method"/>, if Surprise publishes one.</summary>
    public static Entry? For(string method) => MovieLens100k.FirstOrDefault(e => e.Method == method);
}
