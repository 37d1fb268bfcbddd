using System.CommandLine;
using LowRank.Cli.Output;
using LowRank.IO;
using LowRank.SingularValueLearning;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank svlearn train|evaluate|predict</c>: networks that predict singular values (SV-Learn, Xu, Shiao, Chen,
/// Papalexakis). train fits the paper's or the improved model on a data set's training split, reports its test metrics
/// beside the no-learning baseline and saves it; evaluate re-scores a saved model; predict runs one on new matrices.
/// </summary>
internal static class SvLearnCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("svlearn", "Predict singular values with a trained network (SV-Learn): train, evaluate, predict");
        command.Subcommands.Add(Train(context));
        command.Subcommands.Add(Evaluate(context));
        command.Subcommands.Add(Predict(context));
        return command;
    }

    private static Command Train(CliContext context)
    {
        var flags = new SvLearnFlags();
        var split = SvLearnFlags.Split();
        var model = new Option<string>("--model") { Description = "paper (flattened matrix, L1) or improved (features, monotone head)", DefaultValueFactory = _ => "improved" };
        model.AcceptOnlyFromAmong("paper", "improved");
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (the maximum, for the improved model); default 20 paper, 40 improved" };
        var hidden = new Option<string?>("--hidden") { Description = "Hidden widths, e.g. 512,256 (default: 512,256 paper; 256,256 improved)" };
        var dropout = new Option<double?>("--dropout") { Description = "Dropout after each hidden layer (default 0.1)" };
        var loss = new Option<string?>("--loss") { Description = "l1, mse or log (default: l1 paper, mse on σ/‖A‖_F improved)" };
        loss.AcceptOnlyFromAmong("l1", "mse", "log");
        var rate = new Option<double?>("--lr") { Description = "Adam's peak learning rate, warm-up then cosine decay (default 1e-3 paper, 3e-3 improved)" };
        var batch = new Option<int?>("--batch-size") { Description = "Mini-batch size (default 256)" };
        var output = new Option<string>("--output", "-o") { Description = "Model file to write", Required = true };
        var json = Flags.Json();
        var command = new Command("train", "Train an SV-Learn network, report its test NMSE/MAE beside the no-learning baseline, save it");
        foreach (Option o in flags.All.Concat([split, model, epochs, hidden, dropout, loss, rate, batch, output, json])) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            string outPath = parsed.GetValue(output)!;
            LoadedInput.CheckOutput(outPath, parsed.GetValue(flags.Data)!);
            if (Directory.Exists(outPath)) throw new InvalidInputException($"{outPath}: is a directory, not a model file");
            var options = new SvLearnOptions
            {
                Kind = parsed.GetValue(model) == "paper" ? SvModelKind.Paper : SvModelKind.Improved,
                Hidden = ParseHidden(parsed.GetValue(hidden)),
                Dropout = parsed.GetValue(dropout),
                Loss = parsed.GetValue(loss) switch { "l1" => SvLoss.L1, "mse" => SvLoss.Mse, "log" => SvLoss.Log, _ => null },
                Epochs = parsed.GetValue(epochs),
                LearningRate = parsed.GetValue(rate),
                BatchSize = parsed.GetValue(batch) ?? 256,
                Seed = parsed.GetValue(flags.Seed),
            };
            options.Validate(); // before the labels and the training, not after
            var backend = context.Backend;
            var source = context.WithProgress("svlearn: windows and labels", () => flags.Load(parsed, context));
            context.Note(source.CacheSkipped);
            var chosen = SvLearnFlags.ChooseSplit(source, parsed.GetValue(split));
            var trained = context.WithProgress("svlearn: training", status =>
                SvLearnTrainer.Train(source.Dataset, chosen.Train, options, e => status($"svlearn: epoch {e.Epoch}, loss {e.TrainingLoss:G4}"), backend, context.Cancellation));
            var evaluation = SvEvaluation.Run(trained.Model, source.Dataset, chosen);
            context.Write(outPath, () => SvLearnModelFile.Write(outPath, trained.Model, context.Cancellation));
            var report = SvLearnJson.Evaluation(evaluation, chosen);
            SvLearnJson.Source(report, source);
            report["model"] = options.Kind.ToString().ToLowerInvariant();
            report["hidden"] = options.HiddenWidths;
            report["loss"] = options.TrainingLoss.ToString().ToLowerInvariant();
            report["epochs_run"] = trained.History.Count;
            report["best_epoch"] = trained.BestEpoch;
            report["parameters"] = trained.Model.ParameterCount();
            report["seed"] = options.Seed;
            report["labels_cached"] = source.LabelsCached;
            report["label_seconds"] = source.LabelSeconds;
            report["train_seconds"] = trained.Seconds;
            report["output"] = outPath;
            SvLearnJson.JudgeAgainstBaseline(context, report, evaluation);
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, report);
            else
            {
                context.Output.WriteLine($"{source.Description}; split {chosen.Name}: {chosen.Train.Length:N0} train / {chosen.Test.Length:N0} test");
                SvLearnJson.Table(context, [($"{report["model"]} model", evaluation.Model), ("baseline (mean σ/‖A‖_F × ‖A‖_F)", evaluation.Baseline)]);
                string kept = trained.BestEpoch == 0 ? "kept epoch 0, the untrained start, i.e. the baseline: no epoch beat it on the validation matrices" : $"kept epoch {trained.BestEpoch}";
                context.Output.WriteLine($"{trained.History.Count} epochs ({kept}) in {Tables.Seconds(trained.Seconds)}");
            }
            return 0;
        });
        return command;
    }

    private static Command Evaluate(CliContext context)
    {
        var flags = new SvLearnFlags();
        var split = SvLearnFlags.Split();
        var file = new Argument<string>("model") { Description = "Model file written by svlearn train" };
        var json = Flags.Json();
        var command = new Command("evaluate", "Score a saved SV-Learn network on a data set's test split (NMSE, MAE, baseline)");
        command.Arguments.Add(file);
        foreach (Option o in flags.All.Concat([split, json])) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            var backend = context.Backend;
            var (model, m, n) = SvLearnModelFile.Read(parsed.GetValue(file)!, SvLearnData.ParseWindow(parsed.GetValue(flags.Window)), backend);
            var source = context.WithProgress("svlearn: windows and labels", () => flags.Load(parsed, context));
            context.Note(source.CacheSkipped);
            if (source.Dataset.Matrices.Rows != m || source.Dataset.Matrices.Cols != n)
                throw new InvalidInputException($"the model takes {m}×{n} matrices, the data set has {source.Dataset.Matrices.Rows}×{source.Dataset.Matrices.Cols}");
            var chosen = SvLearnFlags.ChooseSplit(source, parsed.GetValue(split));
            var evaluation = SvEvaluation.Run(model, source.Dataset, chosen);
            var report = SvLearnJson.Evaluation(evaluation, chosen);
            SvLearnJson.Source(report, source);
            report["model"] = parsed.GetValue(file);
            SvLearnJson.JudgeAgainstBaseline(context, report, evaluation);
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, report);
            else
            {
                context.Output.WriteLine($"{source.Description}; split {chosen.Name}: {chosen.Test.Length:N0} test matrices");
                SvLearnJson.Table(context, [("model", evaluation.Model), ("baseline (mean σ/‖A‖_F × ‖A‖_F)", evaluation.Baseline)]);
            }
            return 0;
        });
        return command;
    }

    private static Command Predict(CliContext context)
    {
        var file = new Argument<string>("model") { Description = "Model file written by svlearn train" };
        var input = new Argument<string>("input") { Description = "A matrix or image; every m×n window (at --stride) is predicted" };
        var stride = new Option<int?>("--stride") { Description = "Window stride (default: the window size, no overlap)" };
        var window = new Option<string?>("--window") { Description = "m×n of a paper-model file whose shape is ambiguous" };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the predictions, one row per window (.csv .npy …)" };
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("predict", "Predict the singular values of every window of a matrix with a saved SV-Learn network");
        command.Arguments.Add(file);
        command.Arguments.Add(input);
        foreach (Option o in (Option[])[stride, window, output, .. text.All, json]) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            string inPath = parsed.GetValue(input)!, modelPath = parsed.GetValue(file)!;
            string? outPath = parsed.GetValue(output);
            LoadedInput.CheckMatrixOutput(outPath, inPath);
            LoadedInput.CheckOutput(outPath, modelPath);
            var (model, m, n) = SvLearnModelFile.Read(modelPath, SvLearnData.ParseWindow(parsed.GetValue(window)), context.Backend);
            var loaded = LoadedInput.Read(context, inPath, text.Read(parsed));
            var matrix = loaded.Channels.Count == 1 ? loaded.Channels[0] : ImageFile.ToGrey(loaded.Image!).Channels[0];
            var windows = Windows.Extract(matrix, m, n, parsed.GetValue(stride) ?? Math.Min(m, n), out _);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var predicted = SvPredictor.Predict(model, windows);
            double seconds = clock.Elapsed.TotalSeconds;
            int p = Math.Min(m, n);
            var result = Linalg.Matrix.FromRowMajor(windows.Count, p, predicted);
            if (outPath is not null) context.Write(outPath, () => MatrixFile.Write(outPath, result, context.Cancellation));
            var report = new
            {
                Model = modelPath,
                Input = inPath,
                Windows = windows.Count,
                WindowRows = m,
                WindowCols = n,
                SingularValues = windows.Count == 1 ? predicted : null,
                Output = outPath,
                Seconds = seconds,
            };
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, report);
            else if (windows.Count == 1) context.Output.WriteLine(string.Join(" ", predicted.Select(SvLearnJson.Number)));
            else context.Output.WriteLine($"{windows.Count:N0} windows of {m}×{n} in {Tables.Seconds(seconds)}");
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<int>? ParseHidden(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new List<int>();
        foreach (string part in parts)
            widths.Add(int.TryParse(part, out int w) && w > 0 ? w : throw new InvalidInputException($"--hidden must list positive widths like 512,256, not '{text}'"));
        return widths;
    }
}
