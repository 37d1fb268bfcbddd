using System.CommandLine;
using LowRank.Cli.Output;
using LowRank.IO;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank model info FILE</c> and <c>lowrank model apply FILE IN -o OUT</c>: inspect and run a saved network
/// (e.g. one written by <c>nn-approx --save-model</c>). A corrupt, truncated or foreign file is refused (exit 2).
/// </summary>
internal static class ModelCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("model", "Inspect or run a saved neural network (LowRank model file)");
        command.Subcommands.Add(Info(context));
        command.Subcommands.Add(Apply(context));
        return command;
    }

    private static Command Info(CliContext context)
    {
        var file = new Argument<string>("model") { Description = "Model file" };
        var json = Flags.Json();
        var command = new Command("info", "Verify a model file and list its layers");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            var model = SavedModel.Read(parsed.GetValue(file)!, context.Backend);
            var report = new { Model = model.Path, Dtype = model.DType, model.Parameters, model.Layers };
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, report);
            else
            {
                context.Output.WriteLine($"{model.Path}: {model.DType}, {model.Parameters:N0} parameters");
                foreach (string layer in model.Layers) context.Output.WriteLine($"  {layer}");
            }
            return 0;
        });
        return command;
    }

    private static Command Apply(CliContext context)
    {
        var file = new Argument<string>("model") { Description = "Model file" };
        var input = new Argument<string>("input") { Description = "Matrix whose rows are the inputs (.csv .tsv .txt .npy .mtx)" };
        var output = new Option<string>("--output", "-o") { Description = "Where the outputs go, one row per input row", Required = true };
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("apply", "Run a saved network on each row of a matrix");
        command.Arguments.Add(file);
        command.Arguments.Add(input);
        command.Options.Add(output);
        text.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            string inPath = parsed.GetValue(input)!, outPath = parsed.GetValue(output)!;
            string modelPath = parsed.GetValue(file)!;
            LoadedInput.CheckMatrixOutput(outPath, inPath);
            LoadedInput.CheckOutput(outPath, modelPath);
            var model = SavedModel.Read(modelPath, context.Backend);
            var rows = LoadedInput.Read(context, inPath, text.Read(parsed)).Single("model apply");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = model.Apply(rows);
            double seconds = clock.Elapsed.TotalSeconds;
            context.Write(outPath, () => MatrixFile.Write(outPath, result, context.Cancellation));
            var report = new { Model = model.Path, Rows = result.Rows, Inputs = rows.Cols, Outputs = result.Cols, Output = outPath, Seconds = seconds };
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, report);
            else context.Output.WriteLine($"{result.Rows} rows of {result.Cols} outputs in {Tables.Seconds(seconds)}");
            return 0;
        });
        return command;
    }
}
