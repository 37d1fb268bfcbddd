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
        var folds = Flags.Folds();
        var seed = Flags.Seed();
        var top = Flags.Top();
        var json = Flags.Json();
        var command = new Command("completion", "Rating prediction on MovieLens 100k, every method on the same folds, beside Surprise's published results");
        foreach (Option o in new Option[] { data, outDir, folds, seed, top, json }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            string dir = Flags.ReportDirectory(context, parsed.GetValue(outDir)!);
            var clock = Stopwatch.StartNew();
            var (ratings, source) = Load(parsed.GetValue(data));
            int s = parsed.GetValue(seed), n = Flags.ReadTop(parsed, top);
            var splits = KFold.Split(ratings.Count, parsed.GetValue(folds), s);
            var results = EvaluateCommand.CrossValidateEach(context, PredictorRegistry.Names, new CompletionOptions { Seed = s }, ratings, splits, n);
            var lecture = LectureRun.Run();
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
            string text = JsonReport.SaveResults(dir, summary);
            if (parsed.GetValue(json))
            {
                context.Output.WriteLine(text);
                context.WroteFolder(dir, dir);
                return 0;
            }
            context.Output.WriteLine($"{source}: {ratings.Count:N0} ratings, {ratings.UserCount:N0} users × {ratings.ItemCount:N0} items; {splits.Length}-fold, seed {s}");
            Tables.Evaluation(context, results);
            context.Output.WriteLine($"report {summary.Report} in {Tables.Seconds(summary.Seconds)}");
            context.WroteFolder(dir, dir);
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
