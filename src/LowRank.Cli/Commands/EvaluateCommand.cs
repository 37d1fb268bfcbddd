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
        var input = new Argument<string>("ratings") { Description = "Ratings file: MovieLens u.data (TSV), ratings.dat (::) or CSV user,item,rating[,timestamp]" };
        var method = new Option<string>("--method", "-m")
        {
            Description = $"{string.Join(", ", PredictorRegistry.Names)} or all",
            DefaultValueFactory = _ => "all",
        };
        var folds = new Option<int>("--folds") { Description = "Number of folds", DefaultValueFactory = _ => 5 };
        var top = new Option<int>("--top") { Description = "N of precision@N, recall@N, NDCG@N", DefaultValueFactory = _ => 10 };
        var scale = Flags.Scale();
        var flags = new CompletionFlags();
        var json = Flags.Json();
        var command = new Command("evaluate", "Cross-validated rating prediction: RMSE, MAE, precision/recall/NDCG@N per fold and mean");
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { method, folds, top, scale }) command.Options.Add(o);
        flags.AddTo(command);
        command.Options.Add(json);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!;
            var names = PredictorRegistry.Resolve(parsed.GetValue(method)!);
            var options = flags.Read(parsed);
            int topN = parsed.GetValue(top);
            if (topN < 1) throw new InvalidInputException($"--top must be at least 1, not {topN}");
            var data = RatingsFile.Read(path, Flags.ParseScale(parsed.GetValue(scale)));
            var splits = KFold.Split(data.Ratings.Count, parsed.GetValue(folds), options.Seed);
            _ = context.Backend; // the predictors use the active backend; this shows a fallback notice once
            var results = new List<CrossValidationResult>();
            foreach (string name in names)
                results.Add(context.WithProgress($"{name}: {splits.Length}-fold cross-validation",
                    () => CrossValidation.Run(() => PredictorRegistry.Create(name, options), data.Ratings, splits, topN)));
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
}
