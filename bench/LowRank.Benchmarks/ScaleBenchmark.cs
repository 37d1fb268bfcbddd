using System.Diagnostics;
using LowRank.Completion;
using LowRank.Completion.Implicit;

/// <summary>
/// The scale benchmark of docs/benchmarks.md, one model per process so that <c>/usr/bin/time -f %M</c> gives its peak
/// memory: <c>dotnet run -c Release --project bench/LowRank.Benchmarks -- scale als|sgd|implicit-als [SCALE]</c>
/// generates the synthetic set at MovieLens 20M's shape (SCALE &lt; 1 shrinks users and interactions for a quick run),
/// fits explicit ALS (10 sweeps, k = 64), explicit SGD (10 epochs, k = 64) or implicit ALS (CG, 15 sweeps, k = 64) on
/// every core, and prints the times and a sanity check of the fit (training RMSE on the first 10⁶ ratings, or the
/// implicit model's mean score of observed against random pairs).
/// </summary>
internal static class ScaleBenchmark
{
    private const int Factors = 64;

    public static void Run(string model, string[] rest)
    {
        double scale = rest.Length > 0 ? double.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var full = SyntheticShape.MovieLens20M;
        var shape = full with { Users = (int)(full.Users * scale), Interactions = (int)(full.Interactions * scale) };
        var clock = Stopwatch.StartNew();
        var data = SyntheticFeedback.Generate(shape, seed: 0);
        double generate = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{shape.Users} users × {shape.Items} items, {shape.Interactions} interactions, {Environment.ProcessorCount} cores; generated in {generate:F1} s");
        if (model == "implicit-als")
        {
            var train = data.ToInteractions();
            var als = new ImplicitAls(new ImplicitAlsOptions() with { Factors = Factors, Iterations = 15 });
            var (fit, cpu) = Timed(() => als.Fit(train));
            Console.WriteLine($"implicit-als k={Factors} 15 sweeps CG {als.Options.CgSteps} steps: fit {fit:F1} s, {cpu:F1} CPU s; {Separation(als, train):F3} mean score observed − random");
            return;
        }
        var ratings = data.ToRatings();
        IRatingPredictor predictor = model switch
        {
            "als" => new AlsPredictor(new AlsOptions() with { Rank = Factors, Epochs = 10, Tolerance = 0 }),
            "sgd" => new SgdPredictor(new SgdOptions() with { Rank = Factors, Epochs = 10 }),
            _ => throw new ArgumentException($"unknown model '{model}': als, sgd or implicit-als"),
        };
        var (seconds, cpuSeconds) = Timed(() => predictor.Fit(ratings));
        double sum = 0;
        int n = Math.Min(1_000_000, ratings.Count);
        for (int e = 0; e < n; e++) sum += Math.Pow(ratings.Values[e] - predictor.Predict(ratings.Users[e], ratings.Items[e]), 2);
        Console.WriteLine($"{model} k={Factors} 10 sweeps: fit {seconds:F1} s, {cpuSeconds:F1} CPU s; training RMSE {Math.Sqrt(sum / n):F4} on {n} ratings");
    }

    /// <summary>Wall and CPU seconds of <paramref name="action"/> (CPU time is the honest figure on a shared machine).</summary>
    private static (double Wall, double Cpu) Timed(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        process.Refresh();
        return (clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>Mean x_uᵀy_i over the first 10⁵ interactions minus the mean over as many random pairs: a fit that learned nothing gives ≈ 0.</summary>
    private static double Separation(IItemScorer model, Interactions train)
    {
        var random = new Random(1);
        var scores = new double[train.ItemCount];
        double observed = 0, other = 0;
        int count = 0;
        for (int u = 0; u < train.UserCount && count < 100_000; u++)
        {
            model.ScoreItems(u, scores);
            foreach (int i in train.ItemsOf(u))
            {
                observed += scores[i];
                other += scores[random.Next(scores.Length)];
                count++;
            }
        }
        return (observed - other) / count;
    }
}
