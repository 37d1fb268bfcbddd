using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Commands;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.IO;

namespace LowRank.Cli.Experiments;

/// <summary>
/// <c>lowrank experiment completion [--data PATH] [--tune] --out DIR</c>: (1) Surprise's benchmark (5-fold cross-validation
/// on MovieLens 100k) for every registered method on the same folds, beside Surprise's published figures, with the tuning
/// protocol stated (defaults fixed before the run, or <c>--tune</c>: tuned on validation splits of the training folds
/// only); (2) top-N as implicit feedback (ratings ≥ 4 of 5), 80/20 per-user random hold-out, every rating predictor
/// and the popularity floor ranking all unseen items; (3) recommendations with titles for a sample user; (4) the
/// lecture's 3×5 example. Without MovieLens a deterministic synthetic low-rank ratings set of the same shape and density
/// stands in.
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
        var tune = new Option<bool>("--tune") { Description = "Tune every method on validation splits carved from the training parts only (slower)" };
        var json = Flags.Json();
        var command = new Command("completion", "Rating prediction and top-N recommendation on MovieLens 100k, every method on the same splits, beside Surprise's published results");
        foreach (Option o in new Option[] { data, outDir, folds, seed, top, tune, json }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            string dir = Flags.ReportDirectory(context, parsed.GetValue(outDir)!);
            var clock = Stopwatch.StartNew();
            var loaded = Load(parsed.GetValue(data));
            var ratings = loaded.Ratings;
            int s = parsed.GetValue(seed), n = Flags.ReadTop(parsed, top);
            var options = new CompletionOptions { Seed = s };
            var explicitProtocol = new EvaluationProtocol { Folds = parsed.GetValue(folds), Seed = s, TopN = n, Tune = parsed.GetValue(tune) };
            var results = EvaluateCommand.EvaluateEach(context, PredictorRegistry.Names, explicitProtocol, options, explicitProtocol.Splits(ratings, null));
            var implicitProtocol = explicitProtocol with
            {
                Split = SplitKind.Random, Fraction = 0.2, By = SplitGrouping.PerUser, ImplicitThreshold = MethodEvaluation.DefaultThreshold(ratings.Scale),
            };
            var topN = EvaluateCommand.EvaluateEach(context, ItemScorerRegistry.Names, implicitProtocol, options, implicitProtocol.Splits(ratings, null));
            string bestRanker = topN.Where(r => ItemScorerRegistry.IsRatingPredictor(r.Method)).MaxBy(r => r.Ndcg)!.Method;
            var sample = context.WithProgress($"{bestRanker}: recommendations for user {loaded.UserId(0)}", () => SampleRecommendations.For(
                ratings, 0, bestRanker, options, n, loaded.UserId, loaded.ItemId, loaded.Title, context.Cancellation));
            var foldIn = context.WithProgress($"als: fold-in of user {loaded.UserId(0)}", () => FoldInExample.For(
                ratings, 0, options, n, loaded.UserId, loaded.ItemId, loaded.Title, context.Cancellation));
            var lecture = LectureRun.Run();
            CompletionReport.Write(dir, loaded.Source, ratings, explicitProtocol, results, implicitProtocol, topN, sample, foldIn, lecture);
            var summary = new
            {
                Experiment = "completion",
                Data = new { loaded.Source, ratings.Count, Users = ratings.UserCount, Items = ratings.ItemCount },
                Folds = explicitProtocol.Folds,
                Seed = s,
                Protocol = EvaluationJson.Protocol(explicitProtocol),
                Methods = results.Select(r => EvaluationJson.Method(r)).ToArray(),
                TopN = new { Protocol = EvaluationJson.Protocol(implicitProtocol), Methods = topN.Select(r => EvaluationJson.Method(r)).ToArray() },
                Recommendations = sample,
                FoldIn = foldIn,
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
            context.Output.WriteLine($"{loaded.Source}: {ratings.Count:N0} ratings, {ratings.UserCount:N0} users × {ratings.ItemCount:N0} items");
            Tables.Evaluation(context, results, explicitProtocol);
            Tables.Evaluation(context, topN, implicitProtocol);
            context.Output.WriteLine($"user {sample.User}: top {sample.Recommended.Count} by {sample.Method}: "
                + string.Join("; ", sample.Recommended.Select(l => l.Title ?? l.Item)));
            context.Output.WriteLine($"user {foldIn.User} as a new user ({foldIn.Ratings} ratings folded into als fitted without them, {foldIn.Milliseconds:0.##} ms): "
                + string.Join("; ", foldIn.Recommended.Select(l => l.Title ?? l.Item)) + $" ({foldIn.Shared} of {foldIn.Recommended.Count} shared with a retrained model)");
            context.Output.WriteLine($"report {summary.Report} in {Tables.Seconds(summary.Seconds)}");
            context.WroteFolder(dir, dir);
            return 0;
        });
        return command;
    }

    /// <summary>The ratings with their ids and titles, and where they came from.</summary>
    private sealed record Loaded(RatingSet Ratings, string Source, Func<int, string> UserId, Func<int, string> ItemId, Func<int, string?> Title);

    /// <summary>MovieLens 100k when found (with u.item's titles), else the synthetic stand-in (943 users × 1682 items, 6.3 % observed, rank 5).</summary>
    private static Loaded Load(string? given)
    {
        string? path = MovieLensLocator.Find(given);
        if (path is not null)
        {
            var data = RatingsFile.Read(path);
            var titles = ItemTitles.NextTo(path);
            return new Loaded(data.Ratings, path, u => data.Users[u], i => data.Items[i],
                i => titles is not null && titles.TryGetValue(data.Items[i], out string? t) ? t : null);
        }
        return new Loaded(SyntheticRatings.Generate(943, 1682, rank: 5, density: 0.063, noise: 0.5, seed: 1),
            "synthetic (MovieLens 100k not found: run `lowrank data fetch movielens-100k` or pass --data)",
            u => (u + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), i => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), _ => null);
    }
}
