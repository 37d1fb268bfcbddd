using System.Diagnostics;
using LowRank.Completion;
using LowRank.Completion.Implicit;
using LowRank.IO;

/// <summary>
/// The implicit-feedback comparison of docs/recommendation.md, run as
/// <c>dotnet run -c Release --project bench/LowRank.Benchmarks -- implicit PATH/u.data [--tune]</c>:
/// MovieLens 100k as implicit feedback (ratings ≥ 4), an 80/20 random hold-out per user (seed 0), and NDCG@10 over all
/// items each user has not interacted with in training, for implicit ALS, BPR, item-kNN (library defaults) and a
/// popularity ranking computed here. With <c>--tune</c> the test part is never read: the training part is split again
/// 80/20 per user and a small grid of each model's settings is scored on that validation part (how the defaults in
/// the options records were chosen). This evaluation is the benchmark's own, not the library's top-N metrics.
/// </summary>
internal static class ImplicitBenchmark
{
    private const double Threshold = 4;
    private const int TopN = 10;

    public static void Run(string path, string[] rest)
    {
        var ratings = RatingsFile.Read(path).Ratings;
        var all = Interactions.FromRatings(ratings, Threshold);
        var (train, test) = Split(all, 0.2, seed: 0);
        Console.WriteLine($"MovieLens 100k ≥ {Threshold}: {all.Count} interactions, {all.UserCount} users × {all.ItemCount} items; train {train.Count}, test {test.Count}");
        if (rest.Contains("--tune"))
        {
            var (fit, validation) = Split(train, 0.2, seed: 1);
            Console.WriteLine($"tuning on a validation split of the training part only: fit {fit.Count}, validation {validation.Count}");
            Tune(fit, validation);
            return;
        }
        Console.WriteLine("| model | NDCG@10 | × popularity | fit seconds |");
        Console.WriteLine("|---|---:|---:|---:|");
        double popularity = Ndcg(Popularity(train), train, test);
        Console.WriteLine($"| popularity | {popularity:F4} | 1.00 | 0.00 |");
        foreach (string name in ImplicitRegistry.Names)
        {
            var model = ImplicitRegistry.Create(name, new CompletionOptions());
            var clock = Stopwatch.StartNew();
            model.Fit(train);
            double seconds = clock.Elapsed.TotalSeconds;
            double ndcg = Ndcg(model, train, test);
            Console.WriteLine($"| {name} | {ndcg:F4} | {ndcg / popularity:F2} | {seconds:F2} |");
        }
    }

    private static void Tune(Interactions fit, Interactions validation)
    {
        double popularity = Ndcg(Popularity(fit), fit, validation);
        Console.WriteLine($"popularity {popularity:F4}");
        // A coarse grid first (k 32, 64 × λ 0.01–5 × α 1–40; BPR lr 0.01, 0.05 × λ 0.001–0.02 × 30–120 epochs;
        // K 20–400) pointed at fewer factors, more regularisation and small α; this is the refined grid around it.
        foreach (int k in new[] { 16, 32 })
            foreach (double lambda in new[] { 5.0, 20, 50 })
                foreach (double alpha in new[] { 1.0, 2 })
                    Report($"implicit-als k={k} λ={lambda} α={alpha}", new ImplicitAls(new ImplicitAlsOptions(Factors: k, Regularization: lambda, Alpha: alpha)), fit, validation, popularity);
        foreach (int k in new[] { 32, 64 })
            foreach (double reg in new[] { 0.02, 0.05 })
                Report($"bpr k={k} lr=0.05 λ={reg} epochs=120", new Bpr(new BprOptions(Factors: k, LearningRate: 0.05, Regularization: reg, Epochs: 120)), fit, validation, popularity);
        foreach (int neighbours in new[] { 400, 800, 1600 })
            Report($"item-knn K={neighbours}", new ItemKnn(new ItemKnnOptions(neighbours)), fit, validation, popularity);
    }

    private static void Report(string label, IImplicitRecommender model, Interactions fit, Interactions validation, double popularity)
    {
        model.Fit(fit);
        double ndcg = Ndcg(model, fit, validation);
        Console.WriteLine($"{label}: {ndcg:F4} ({ndcg / popularity:F2}×)");
    }

    /// <summary>Each user's interactions split at random: a fraction (rounded) held out, the rest kept; users with one interaction keep it.</summary>
    private static (Interactions Train, Interactions Test) Split(Interactions all, double fraction, int seed)
    {
        var random = new Random(seed);
        var (trainUsers, trainItems, testUsers, testItems) = (new List<int>(), new List<int>(), new List<int>(), new List<int>());
        for (int u = 0; u < all.UserCount; u++)
        {
            var items = all.ItemsOf(u).ToArray();
            random.Shuffle(items);
            int held = items.Length < 2 ? 0 : (int)Math.Round(fraction * items.Length);
            for (int t = 0; t < items.Length; t++)
            {
                (t < held ? testUsers : trainUsers).Add(u);
                (t < held ? testItems : trainItems).Add(items[t]);
            }
        }
        return (Build(all, trainUsers, trainItems), Build(all, testUsers, testItems));
    }

    private static Interactions Build(Interactions shape, List<int> users, List<int> items)
    {
        var ones = new double[users.Count];
        Array.Fill(ones, 1.0);
        return new Interactions(shape.UserCount, shape.ItemCount, [.. users], [.. items], ones);
    }

    /// <summary>Mean NDCG@10 over users with held-out items, ranking every item not in the user's training interactions.</summary>
    private static double Ndcg(IItemScorer model, Interactions train, Interactions test)
    {
        var scores = new double[train.ItemCount];
        double sum = 0;
        int users = 0;
        for (int u = 0; u < train.UserCount; u++)
        {
            var relevant = test.ItemsOf(u);
            if (relevant.IsEmpty) continue;
            model.ScoreItems(u, scores);
            foreach (int i in train.ItemsOf(u)) scores[i] = double.NegativeInfinity;
            var top = Enumerable.Range(0, scores.Length)
                .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(TopN).ToArray();
            double dcg = 0, ideal = 0;
            for (int r = 0; r < top.Length; r++)
                if (relevant.BinarySearch(top[r]) >= 0 && !double.IsNegativeInfinity(scores[top[r]])) dcg += 1 / Math.Log2(r + 2);
            for (int r = 0; r < Math.Min(TopN, relevant.Length); r++) ideal += 1 / Math.Log2(r + 2);
            sum += dcg / ideal;
            users++;
        }
        return sum / users;
    }

    /// <summary>Every user gets the items ranked by their number of training interactions.</summary>
    private static IItemScorer Popularity(Interactions train)
    {
        var counts = new double[train.ItemCount];
        for (int i = 0; i < counts.Length; i++) counts[i] = train.UsersOf(i).Length;
        return new FixedScores(train.UserCount, counts);
    }

    private sealed class FixedScores(int users, double[] scores) : IItemScorer
    {
        public int UserCount => users;

        public int ItemCount => scores.Length;

        public void ScoreItems(int user, Span<double> target) => scores.CopyTo(target);
    }
}
