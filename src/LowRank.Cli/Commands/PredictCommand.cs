using System.CommandLine;
using LowRank.Cli.Output;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank predict --model FILE PAIRS [-o OUT]</c>: the saved model's rating of each user–item pair, clipped to its
/// scale, as CSV <c>user,item,prediction,cold_start</c> (to OUT, else on stdout). A pair whose user or item the model
/// has no training ratings for gets the baseline μ + b_u + b_i of what is known and cold_start 1.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(CliContext context)
    {
        var pairs = new Argument<string>("pairs") { Description = "CSV of user,item pairs (further columns ignored; a first line starting with 'user' is a header)" };
        var model = RecommenderFlags.Model(required: true);
        var output = new Option<string?>("--output", "-o") { Description = "Write the predictions here (CSV); default stdout" };
        var json = Flags.Json();
        var command = new Command("predict", "Predicted ratings of user–item pairs from a saved model, without retraining");
        command.Arguments.Add(pairs);
        foreach (Option o in new Option[] { model, output, json }) command.Options.Add(o);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(pairs)!, modelPath = parsed.GetValue(model)!;
            string? outPath = parsed.GetValue(output);
            bool asJson = parsed.GetValue(json);
            LoadedInput.CheckOutput(outPath, path);
            LoadedInput.CheckOutput(outPath, modelPath);
            var recommender = RecommenderModelFile.Read(modelPath);
            var rows = PairsFile.Read(path).Select(pair =>
            {
                int user = recommender.TryGetUser(pair.User, out int u) ? u : -1, item = recommender.TryGetItem(pair.Item, out int i) ? i : -1;
                return (pair.User, pair.Item, recommender.Predict(user, item), recommender.IsColdStart(user, item));
            }).ToList();
            int cold = rows.Count(r => r.Item4);
            if (outPath is not null) context.Write(outPath, () => RecommenderCsv.WritePredictions(outPath, rows, context.Cancellation));
            if (asJson)
            {
                JsonReport.Write(context.Output, new
                {
                    recommender.Method,
                    Pairs = rows.Count,
                    ColdStart = cold,
                    Output = outPath,
                    Predictions = outPath is null
                        ? rows.Select(r => new { User = r.Item1, Item = r.Item2, Prediction = r.Item3, ColdStart = r.Item4 }).ToArray()
                        : null,
                });
                return 0;
            }
            if (outPath is null) RecommenderCsv.WritePredictions(context.Output, rows);
            else context.Output.WriteLine($"{rows.Count:N0} pairs by {recommender.Method}, {cold:N0} cold-start (baseline fallback)");
            return 0;
        });
        return command;
    }
}
