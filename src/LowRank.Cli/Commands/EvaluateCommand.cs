using System.CommandLine;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank evaluate RATINGS --method M|all [--folds 5 | --split random:F|time:F [--split-by user|global] | --test FILE]
/// [--tune] [--implicit T] [--top N]</c>: RMSE, MAE and top-N scores over the whole catalogue of one method or of every
/// registered method, on the same splits, with the protocol written on the report.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var input = Flags.Ratings();
        var method = new Option<string>("--method", "-m")
        {
            Description = $"{string.Join(", ", ItemScorerRegistry.Names)} or all (default all: every rating predictor; with --implicit also popularity)",
            DefaultValueFactory = _ => "all",
        };
        var scale = Flags.Scale();
        var protocolFlags = new ProtocolFlags();
        var flags = new CompletionFlags();
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("evaluate", "Evaluate rating prediction and top-N recommendation: k-fold, hold-out or test file, optionally tuned on training-part validation");
        command.Arguments.Add(input);
        command.Options.Add(method);
        command.Options.Add(scale);
        protocolFlags.AddTo(command);
        flags.AddTo(command);
        text.AddTo(command);
        command.Options.Add(json);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!;
            var options = flags.Read(parsed);
            var protocol = protocolFlags.Read(parsed, options.Seed);
            var names = ItemScorerRegistry.Resolve(parsed.GetValue(method)!, protocol.ImplicitThreshold is not null);
            var (ratings, splits) = Load(path, protocol, Flags.ParseScale(parsed.GetValue(scale)), text.Read(parsed));
            var results = EvaluateEach(context, names, protocol, options, splits);
            if (parsed.GetValue(json))
            {
                object report = results.Count == 1 && !string.Equals(parsed.GetValue(method), "all", StringComparison.OrdinalIgnoreCase)
                    ? EvaluationJson.Method(results[0], protocol)
                    : new
                    {
                        Ratings = ratings.Count,
                        Users = ratings.UserCount,
                        Items = ratings.ItemCount,
                        Folds = splits.Count,
                        options.Seed,
                        Protocol = EvaluationJson.Protocol(protocol),
                        Methods = results.Select(r => EvaluationJson.Method(r)).ToArray(),
                    };
                JsonReport.Write(context.Output, report);
            }
            else
            {
                context.Output.WriteLine($"{path}: {ratings.Count:N0} ratings, {ratings.UserCount:N0} users × {ratings.ItemCount:N0} items, scale {ratings.Scale}");
                Tables.Evaluation(context, results, protocol);
            }
            return 0;
        });
        return command;
    }

    /// <summary>The ratings (training file and test file together for <c>--test</c>) and the training/test pairs of the protocol.</summary>
    private static (RatingSet Ratings, IReadOnlyList<EvaluationSplit> Splits) Load(string path, EvaluationProtocol protocol, RatingScale? scale, TextReadOptions text)
    {
        if (protocol.Split == SplitKind.Given)
        {
            var both = RatingsFile.ReadWithTest(path, protocol.GivenTest!, scale, text);
            var train = both.Train;
            return (train.Ratings, [new EvaluationSplit(train.Ratings, both.Test, train.Timestamps)]);
        }
        var data = RatingsFile.Read(path, scale, text);
        if (protocol.Split == SplitKind.Temporal && data.Timestamps is null)
            throw new InvalidInputException($"{path}: --split time needs a timestamp on every line (user item rating timestamp)");
        return (data.Ratings, protocol.Splits(data.Ratings, data.Timestamps));
    }

    /// <summary>
    /// Evaluates each named method on the same splits, with a progress line per method (also the completion experiment's
    /// comparison).
    /// </summary>
    public static List<EvaluationResult> EvaluateEach(CliContext context, IEnumerable<string> names, EvaluationProtocol protocol,
        CompletionOptions options, IReadOnlyList<EvaluationSplit> splits)
    {
        context.AnnounceBackend();
        string what = splits.Count == 1 ? "hold-out" : $"{splits.Count}-fold cross-validation";
        return names.Select(name => context.WithProgress($"{name}: {what}{(protocol.Tune ? ", tuned" : "")}",
            () => MethodEvaluation.Run(name, protocol, options, splits, cancellationToken: context.Cancellation))).ToList();
    }
}
