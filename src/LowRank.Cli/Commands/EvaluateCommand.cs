using System.CommandLine;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank evaluate RATINGS --method M|all [--rank k] [--folds 5] [--seed s] [--top N]</c>: k-fold cross-validated
/// RMSE, MAE and top-N scores of one method or of every registered method, on the same folds.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var input = Flags.Ratings();
        var method = Flags.CompletionMethod("all");
        var folds = Flags.Folds();
        var top = Flags.Top();
        var scale = Flags.Scale();
        var flags = new CompletionFlags();
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("evaluate", "Cross-validated rating prediction: RMSE, MAE, precision/recall/NDCG@N per fold and mean");
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { method, folds, top, scale }) command.Options.Add(o);
        flags.AddTo(command);
        text.AddTo(command);
        command.Options.Add(json);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!;
            var names = PredictorRegistry.Resolve(parsed.GetValue(method)!);
            var options = flags.Read(parsed);
            int topN = Flags.ReadTop(parsed, top);
            var data = RatingsFile.Read(path, Flags.ParseScale(parsed.GetValue(scale)), text.Read(parsed));
            var splits = KFold.Split(data.Ratings.Count, parsed.GetValue(folds), options.Seed);
            var results = CrossValidateEach(context, names, options, data.Ratings, splits, topN);
            var ratings = data.Ratings;
            if (parsed.GetValue(json))
            {
                object report = results.Count == 1 && !string.Equals(parsed.GetValue(method), "all", StringComparison.OrdinalIgnoreCase)
                    ? EvaluationJson.Method(results[0])
                    : new
                    {
                        Ratings = ratings.Count,
                        Users = ratings.UserCount,
                        Items = ratings.ItemCount,
                        Folds = splits.Length,
                        options.Seed,
                        Methods = results.Select(EvaluationJson.Method).ToArray(),
                    };
                JsonReport.Write(context.Output, report);
            }
            else
            {
                context.Output.WriteLine($"{path}: {ratings.Count:N0} ratings, {ratings.UserCount:N0} users × {ratings.ItemCount:N0} items, "
                    + $"scale {ratings.Scale}; {splits.Length}-fold cross-validation, seed {options.Seed}");
                Tables.Evaluation(context, results);
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Cross-validates each named method on the same folds, with a progress line per method (also the completion
    /// experiment's comparison).
    /// </summary>
    public static List<CrossValidationResult> CrossValidateEach(CliContext context, IEnumerable<string> names, CompletionOptions options,
        RatingSet ratings, int[][] splits, int topN)
    {
        context.AnnounceBackend();
        return names.Select(name => context.WithProgress($"{name}: {splits.Length}-fold cross-validation",
            () => CrossValidation.Run(() => PredictorRegistry.Create(name, options), ratings, splits, topN, cancellationToken: context.Cancellation))).ToList();
    }
}
