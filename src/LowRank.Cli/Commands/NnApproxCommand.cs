using System.CommandLine;
using System.Text.Json.Serialization;
using LowRank.Cli.Output;
using LowRank.Experiments;
using LowRank.IO;
using LowRank.Neural.Approximation;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank nn-approx IN --rank k [--design ...] [--objective ...] [-o OUT]</c>: rank-k approximation by a linear
/// bottleneck network (Bleckel's study), reported beside the truncated SVD it should reach. Images are fitted
/// channel by channel (alpha kept).
/// </summary>
internal static class NnApproxCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "Matrix file (.csv .tsv .txt .npy .mtx, IDX) or image" };
        var rank = new Option<int>("--rank", "-k") { Description = "Width k of the bottleneck (1 ≤ k ≤ min(m, n))", Required = true };
        var design = new Option<string>("--design")
        {
            Description = "n-n-k-n (the study: n inputs, hidden n, bottleneck k, n outputs), n-k-n, or funnel (powers of two down to k and back)",
            DefaultValueFactory = _ => "n-n-k-n",
        };
        design.AcceptOnlyFromAmong([.. BottleneckNames.Designs]);
        var objective = new Option<string>("--objective")
        {
            Description = "samples (x ~ N(0, I), targets A·x, MSE) or frobenius (the unit vectors as inputs: the exact ‖W − A‖_F²)",
            DefaultValueFactory = _ => "samples",
        };
        objective.AcceptOnlyFromAmong([.. BottleneckNames.Objectives]);
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (default: set by the matrix size and objective, e.g. 200 for a 10×10 with samples)" };
        var samples = new Option<int>("--samples") { Description = "Training samples for --objective samples", DefaultValueFactory = _ => 10_000 };
        var batch = new Option<int?>("--batch-size") { Description = "Mini-batch size (default 128; all n unit vectors with frobenius)" };
        var optimizer = new Option<string>("--optimizer") { Description = "adam, or sgd (Nesterov momentum 0.9)", DefaultValueFactory = _ => "adam" };
        optimizer.AcceptOnlyFromAmong("adam", "sgd");
        var lr = new Option<double?>("--lr") { Description = "Peak learning rate for A scaled to ‖A‖₂ = 1 (default 0.03 adam, 0.05 sgd)" };
        var seed = Flags.Seed();
        var float64 = new Option<bool>("--float64") { Description = "Train in double instead of single precision" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the network's matrix W here (an image for image inputs); the format follows the extension" };
        var saveModel = new Option<string?>("--save-model") { Description = "Save the trained network as a model file (see `lowrank model`); one-matrix inputs only" };
        var text = new TextReadFlags();
        var json = Flags.Json();
        var command = new Command("nn-approx", "Rank-k approximation by a bottleneck neural network, compared with the SVD optimum");
        command.Arguments.Add(input);
        foreach (Option o in (Option[])[rank, design, objective, epochs, samples, batch, optimizer, lr, seed, float64, output, saveModel, .. text.All, json])
            command.Options.Add(o);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!;
            string? outPath = parsed.GetValue(output);
            string? modelPath = parsed.GetValue(saveModel);
            LoadedInput.CheckMatrixOutput(outPath, path);
            LoadedInput.CheckOutput(modelPath, path);
            if (modelPath is not null && outPath is not null && Path.GetFullPath(modelPath) == Path.GetFullPath(outPath))
                throw new InvalidInputException($"{modelPath}: --save-model and -o name the same file; choose two paths");
            var options = new BottleneckOptions
            {
                Rank = parsed.GetValue(rank),
                Design = BottleneckNames.ParseDesign(parsed.GetValue(design)!),
                Objective = BottleneckNames.ParseObjective(parsed.GetValue(objective)!),
                Epochs = parsed.GetValue(epochs),
                Samples = parsed.GetValue(samples),
                BatchSize = parsed.GetValue(batch),
                Optimizer = parsed.GetValue(optimizer)!,
                LearningRate = parsed.GetValue(lr),
                Seed = parsed.GetValue(seed),
                Float64 = parsed.GetValue(float64),
            };
            var loaded = LoadedInput.Read(context, path, text.Read(parsed));
            if (outPath is not null && loaded.Channels.Count > 1 && !MatrixFile.IsImage(outPath))
                throw new InvalidInputException($"{outPath}: a colour image's approximation must be written as an image (.png .jpg .bmp .webp)");
            if (modelPath is not null && loaded.Channels.Count > 1)
                throw new InvalidInputException($"{path}: --save-model saves one network, and this image has {loaded.Channels.Count} colour channels (one network each)");
            var backend = context.Backend;
            var run = context.WithProgress($"training {BottleneckNames.Of(options.Design)} network", status =>
                BottleneckRun.Fit(loaded.Channels, options,
                    e => status($"training {BottleneckNames.Of(options.Design)} network: epoch {e.Epoch}, {Tables.Number(e.RelErrorSpectral)} spectral error"),
                    context.Cancellation, backend));

            if (outPath is not null)
            {
                context.Write(outPath, () => loaded.Image is ImageData image && MatrixFile.IsImage(outPath)
                    ? ImageFile.Write(outPath, image with { Channels = run.Effective }, context.Cancellation)
                    : MatrixFile.Write(outPath, run.Effective[0], context.Cancellation));
            }
            if (modelPath is not null)
            {
                var layers = run.Channels[0].Layers;
                if (options.Float64) SavedModel.Write(modelPath, BottleneckNetwork.FromLayers<double>(layers, backend), context.Cancellation);
                else SavedModel.Write(modelPath, BottleneckNetwork.FromLayers<float>(layers, backend), context.Cancellation);
                context.Wrote(modelPath);
            }
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, new Report(run, options, outPath, modelPath));
            else
            {
                Tables.NnApproximation(context, path, run);
                if (modelPath is not null) context.Output.WriteLine($"{modelPath} holds the network (see `lowrank model info`)");
            }
            return 0;
        });
        return command;
    }

    /// <summary>The JSON of docs/architecture.md §3: the run's fields and the options; for several channels "per_channel" lists each.</summary>
    private sealed class Report(BottleneckRun fitted, BottleneckOptions options, string? output, string? model) : BottleneckJson(fitted)
    {
        [JsonPropertyOrder(1)] public int Samples => Run.Objective == TrainingObjective.Samples ? options.Samples : Run.Cols;
        [JsonPropertyOrder(1)] public string Optimizer => options.Optimizer;
        [JsonPropertyOrder(1)] public int Seed => options.Seed;
        [JsonPropertyOrder(1)] public bool Float64 => options.Float64;
        [JsonPropertyOrder(1)] public string? Output => output;
        [JsonPropertyOrder(1)] public string? Model => model;

        [JsonPropertyOrder(1)] public object[]? PerChannel => Run.Channels.Count == 1 ? null : Run.Channels.Select(c => (object)new
        {
            c.NumericalRank,
            c.RankCheckPassed,
            c.NnRelErrorSpectral,
            c.SvdRelErrorSpectral,
            c.NnRelErrorFrobenius,
            c.SvdRelErrorFrobenius,
            Loss = c.History.Select(h => h.Loss).ToArray(),
            LossEpochs = c.History.Select(h => h.Epoch).ToArray(),
            c.Seconds,
            SecondsTo_101 = JsonReport.NumberOrNull(c.SecondsTo101),
        }).ToArray();
    }
}
