using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LowRank.Cli.Demo;
using LowRank.Compression.Networks;
using LowRank.Experiments;
using LowRank.IO;

namespace LowRank.Cli.Experiments;

/// <summary>
/// <c>lowrank experiment compress-net --out DIR [--quick | --data DIR] [--hidden 512,256] [--seed s] [--json]</c>:
/// truncated-SVD compression of a Fashion-MNIST MLP and LoRA adapters on a shifted task (<see cref="CompressNetExperiment"/>).
/// </summary>
internal static class CompressNetCommand
{
    /// <summary>Where the full run looks for Fashion-MNIST when --data is not given.</summary>
    public static readonly string DefaultData = Path.Combine("..", "shared", "data", "fashion-mnist");

    /// <summary>Images of the bundled 10k test set that --quick trains on; the rest are its test set.</summary>
    public const int QuickTrainCount = 8_000;

    public static Command Create(CliContext context)
    {
        var outDir = new Option<string>("--out") { Description = "Report directory", Required = true };
        var quick = new Option<bool>("--quick") { Description = "A run in seconds on the bundled 10k test set (8k train / 2k test), short training" };
        var data = new Option<string?>("--data") { Description = $"Fashion-MNIST directory with the four IDX files (default {DefaultData}); not with --quick" };
        var hidden = new Option<string?>("--hidden") { Description = "Hidden layer widths, e.g. 512,256 (the default)" };
        var seed = Commands.Flags.Seed();
        var json = Commands.Flags.Json();
        var command = new Command("compress-net", "Compress a Fashion-MNIST MLP by truncated SVD of its weights; LoRA adapters on a shifted task");
        foreach (Option o in new Option[] { outDir, quick, data, hidden, seed, json }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            var clock = Stopwatch.StartNew();
            string dir = Commands.Flags.CheckReportDirectory(parsed.GetValue(outDir)!);
            bool isQuick = parsed.GetValue(quick);
            if (isQuick && parsed.GetValue(data) is not null)
                throw new InvalidInputException("--data is not used with --quick (which runs on the bundled images); give one or the other");
            int[]? widths = parsed.GetValue(hidden) is string text ? ParseWidths(text) : null;
            var settings = isQuick ? QuickSettings(BundledSet()) : FullSettings(parsed.GetValue(data) ?? DefaultData);
            settings = settings with { Seed = parsed.GetValue(seed), Hidden = widths ?? settings.Hidden };
            context.CreateFolder(dir); // only now that every input has been checked: bad usage leaves nothing behind
            var backend = context.Backend;
            var results = context.WithProgress("experiment compress-net", status => CompressNetExperiment.Run(settings, status, context.Cancellation, backend));
            return IExperimentReport.Emit(new CompressNetReport(dir, results, isQuick, backend), context, parsed.GetValue(json), clock, dir);
        });
        return command;
    }

    /// <summary>The quick run on <paramref name="bundled"/> (the 10k test set): what --quick and the demo section run.</summary>
    public static CompressNetSettings QuickSettings(LabelledImages bundled) => new()
    {
        Train = bundled.Slice(0, QuickTrainCount),
        Test = bundled.Slice(QuickTrainCount, bundled.Count - QuickTrainCount),
        Base = new TrainingPlan(Epochs: 5, LearningRate: 1e-3),
        FineTune = new TrainingPlan(Epochs: 2, LearningRate: 5e-4),
        Adaptation = new TrainingPlan(Epochs: 2, LearningRate: 1e-3),
        Budgets = [0.05, 0.1, 0.25],
        UniformRanks = [8, 32],
        EnergyShares = [0.8, 0.9],
        AdapterRanks = [1, 4, 16],
        InferenceRepeats = 3,
    };

    /// <summary>The bundled Fashion-MNIST test set (10,000 images).</summary>
    public static LabelledImages BundledSet() =>
        Read(DemoContext.Sample("fashion-mnist/t10k-images-idx3-ubyte.gz"), DemoContext.Sample("fashion-mnist/t10k-labels-idx1-ubyte.gz"));

    private static CompressNetSettings FullSettings(string directory)
    {
        string File(string name)
        {
            string path = Path.Combine(directory, name);
            return System.IO.File.Exists(path) ? path
                : throw new InvalidInputException($"{path}: Fashion-MNIST file not found; give --data DIR (the directory of the four IDX files) or use --quick");
        }
        return new CompressNetSettings
        {
            Train = Read(File("train-images-idx3-ubyte.gz"), File("train-labels-idx1-ubyte.gz")),
            Test = Read(File("t10k-images-idx3-ubyte.gz"), File("t10k-labels-idx1-ubyte.gz")),
        };
    }

    private static LabelledImages Read(string imagesPath, string labelsPath)
    {
        var (dims, pixels) = IdxFile.Read(imagesPath);
        var (labelDims, labels) = IdxFile.Read(labelsPath);
        if (dims.Length != 3) throw new InvalidInputException($"{imagesPath}: expected images (3 dimensions), found {dims.Length}");
        if (labelDims.Length != 1 || labelDims[0] != dims[0])
            throw new InvalidInputException($"{labelsPath}: expected {dims[0]} labels to match {imagesPath}");
        var classes = labels.Select(l => (int)l).ToArray();
        if (classes.Any(c => c is < 0 or > 9)) throw new InvalidInputException($"{labelsPath}: labels must be 0..9");
        return new LabelledImages(dims[2], dims[1], pixels, classes);
    }

    private static int[] ParseWidths(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1)
                throw new InvalidInputException($"--hidden: '{parts[i]}' is not a positive layer width (expected e.g. 512,256)");
        return widths;
    }
}
