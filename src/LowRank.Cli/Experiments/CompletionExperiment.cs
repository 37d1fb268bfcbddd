using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Commands;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.IO;

namespace LowRank.Cli.Experiments;

/// <summary>
/// <c>lowrank experiment completion [--data PATH] --out DIR</c>: Surprise's benchmark (5-fold cross-validation on
/// MovieLens 100k) for every registered method on the same folds, beside Surprise's published figures, plus the
/// lecture's 3×5 example (hard-impute's convergence). Without MovieLens a deterministic synthetic low-rank ratings set
/// of the same shape and density stands in.
/// </summary>
internal static class CompletionExperiment
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "MovieLens u.data (or its directory); default: found under ../shared/data or data/, else synthetic" };
        var outDir = new Option<string>("--out") { Description = "Report directory", Required = true };
        var folds = new Option<int>("--folds") { Description = "Number of folds", DefaultValueFactory = _ => 5 };
        var seed = Flags.Seed();
        var top = new Option<int>("--top") { Description = "N of precision@N, recall@N, NDCG@N", DefaultValueFactory = _ => 10 };
        var json = Flags.Json();
        var command = new Command("completion", "Rating prediction on MovieLens 100k, every method on the same folds, beside Surprise's published results");
        foreach (Option o in new Option[] { data, outDir, folds, seed, top, json }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            string dir = Path.GetFullPath(parsed.GetValue(outDir)!);
            var clock = Stopwatch.StartNew();
            var (ratings, source) = Load(parsed.GetValue(data));
            int s = parsed.GetValue(seed), n = parsed.GetValue(top);
            var splits = KFold.Split(ratings.Count, parsed.GetValue(folds), s);
            _ = context.Backend; // the predictors use the active backend; this shows a fallback notice once
            var options = new CompletionOptions { Seed = s };
            var results = PredictorRegistry.Names.Select(name => context.WithProgress($"{name}: {splits.Length}-fold cross-validation",
                () => CrossValidation.Run(() => PredictorRegistry.Create(name, options), ratings, splits, n))).ToList();
            var lecture = LectureRun.Run();
            Directory.CreateDirectory(dir);
            CompletionReport.Write(dir, source, ratings, splits.Length, s, results, lecture);
            var summary = new
            {
                Experiment = "completion",
                Data = new { Source = source, ratings.Count, Users = ratings.UserCount, Items = ratings.ItemCount },
                Folds = splits.Length,
                Seed = s,
                Methods = results.Select(EvaluationJson.Method).ToArray(),
                Surprise = SurpriseReference.MovieLens100k.Select(e => new { Algorithm = e.SurpriseName, e.Method, e.Rmse, e.Mae }).ToArray(),
                Lecture = lecture.Summary(),
                Seconds = clock.Elapsed.TotalSeconds,
                Report = Path.Combine(dir, "index.html"),
            };
            string text = JsonReport.Serialize(summary);
            AtomicFile.Write(Path.Combine(dir, "results.json"), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(text)));
            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(text);
                return 0;
            }
            context.Output.WriteLine($"{source}: {ratings.Count:N0} ratings, {ratings.UserCount:N0} users × {ratings.ItemCount:N0} items; {splits.Length}-fold, seed {s}");
            Tables.Evaluation(context, results);
            context.Output.WriteLine($"wrote {summary.Report} and results.json in {Tables.Seconds(summary.Seconds)}");
            return 0;
        });
        return command;
    }

    /// <summary>MovieLens 100k when found, else the synthetic stand-in (943 users × 1682 items, 6.3 % observed, rank 5).</summary>
    private static (RatingSet Ratings, string Source) Load(string? given)
    {
        string? path = MovieLensLocator.Find(given);
        if (path is not null) return (RatingsFile.Read(path).Ratings, path);
        return (SyntheticRatings.Generate(943, 1682, rank: 5, density: 0.063, noise: 0.5, seed: 1),
            "synthetic (MovieLens 100k not found: run `lowrank data fetch movielens-100k` or pass --data)");
    }
}
