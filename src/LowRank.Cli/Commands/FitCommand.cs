using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Saved;
using LowRank.Distributed.Mpi;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank fit RATINGS --method M [method options] -o model.lrm</c>: fits a factor model (als, sgd, baseline) on
/// every rating and saves it (<see cref="RecommenderModelFile"/>) with the ids, each user's rated items and the item
/// titles of a MovieLens catalogue beside the ratings, so that recommend, predict and similar serve it without
/// retraining. A method that cannot be saved is refused before fitting. Started by <c>mpirun</c> (<c>lowrank mpi -n P --
/// fit ...</c>), als runs distributed (<see cref="DistributedFitRun"/>).
/// </summary>
internal static class FitCommand
{
    public static Command Create(CliContext context)
    {
        var input = Flags.Ratings();
        var method = Flags.CompletionMethod("als");
        method.Description = $"{string.Join(", ", SavedRecommenders.Methods)} (default als; the methods whose models can be saved)";
        var output = new Option<string>("--output", "-o") { Description = $"Model file to write ({RecommenderModelFile.Extension})", Required = true };
        var scale = Flags.Scale();
        var flags = new CompletionFlags();
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("fit", "Fit a recommender on ratings and save it (factors, biases, ids) for recommend, predict and similar");
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { method, output, scale }) command.Options.Add(o);
        flags.AddTo(command);
        text.AddTo(command);
        command.Options.Add(json);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!, outPath = parsed.GetValue(output)!;
            if (MpiEnvironment.UnderMpirun)
                return DistributedFitRun.Run(context, new DistributedFitRun.Request(path, outPath, parsed.GetValue(json),
                    () => (parsed.GetValue(method)!, flags.Read(parsed), Flags.ParseScale(parsed.GetValue(scale)), text.Read(parsed))), command);
            LoadedInput.CheckOutput(outPath, path);
            string name = SavedRecommenders.CheckSavable(parsed.GetValue(method)!);
            var predictor = PredictorRegistry.Create(name, flags.Read(parsed));
            var data = RatingsFile.Read(path, Flags.ParseScale(parsed.GetValue(scale)), text.Read(parsed));
            context.AnnounceBackend();
            var clock = Stopwatch.StartNew();
            context.WithProgress($"{predictor.Name} on {data.Ratings.Count:N0} ratings", () =>
            {
                predictor.Fit(data.Ratings, context.Cancellation);
                return predictor;
            });
            double fitSeconds = clock.Elapsed.TotalSeconds;
            var model = RecommenderFlags.Snapshot(predictor, data, path);
            context.Write(outPath, () => RecommenderModelFile.Write(outPath, model, context.Cancellation));
            var report = new
            {
                model.Method,
                model.Settings,
                Users = model.UserCount,
                Items = model.ItemCount,
                Ratings = model.RatingCount,
                model.Rank,
                Biases = model.Biases,
                Scale = new[] { model.Scale.Min, model.Scale.Max },
                Titles = model.ItemTitles is not null,
                Output = outPath,
                Bytes = new FileInfo(outPath).Length,
                FitSeconds = fitSeconds,
                Seconds = clock.Elapsed.TotalSeconds,
            };
            if (parsed.GetValue(json))
            {
                JsonReport.Write(context.Output, report);
                return 0;
            }
            context.Output.WriteLine(Summary(model, fitSeconds, report.Bytes));
            return 0;
        });
        return command;
    }

    /// <summary>The one line fit prints: the model, its data, the fit time and the file size.</summary>
    internal static string Summary(SavedRecommender model, double fitSeconds, long bytes, string processes = "") =>
        $"{model.Method} ({model.Settings}) on {model.RatingCount:N0} ratings, {model.UserCount:N0} users × {model.ItemCount:N0} items: "
        + $"fitted{processes} in {fitSeconds:0.00} s, saved {bytes:N0} bytes";
}
