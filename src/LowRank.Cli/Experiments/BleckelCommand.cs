using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Demo;
using LowRank.Experiments;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Experiments;

/// <summary>
/// <c>lowrank experiment bleckel --out DIR [--quick] [--json]</c>: Bleckel's neural low-rank approximation study
/// (<see cref="BleckelExperiment"/>) on the bundled images, with the published numbers beside ours.
/// </summary>
internal static class BleckelCommand
{
    /// <summary>Image sizes of the study (photo, logo, colour image) and of --quick.</summary>
    private static readonly (int Photo, int Logo, int Colour) StudySizes = (400, 256, 10), QuickSizes = (40, 32, 10);

    public static Command Create(CliContext context)
    {
        var outDir = new Option<string>("--out") { Description = "Report directory", Required = true };
        var quick = new Option<bool>("--quick") { Description = "A smoke run in seconds: 2 matrices per rank, small images, short training (numbers not comparable)" };
        var seed = Commands.Flags.Seed();
        var json = Commands.Flags.Json();
        var command = new Command("bleckel", "Bleckel: low-rank approximation by a bottleneck network against the truncated SVD");
        foreach (Option o in new Option[] { outDir, quick, seed, json }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            var clock = Stopwatch.StartNew();
            string dir = Commands.Flags.ReportDirectory(context, parsed.GetValue(outDir)!);
            bool isQuick = parsed.GetValue(quick);
            var sizes = isQuick ? QuickSizes : StudySizes;
            var settings = new BleckelSettings
            {
                Photo = Grey("camera.png", sizes.Photo),
                Logo = Grey("logo.png", sizes.Logo),
                Colour = ImageFile.Resize(ImageFile.Read(DemoContext.Sample("color.png")), sizes.Colour, sizes.Colour).Channels,
                MatricesPerRank = isQuick ? 2 : 10,
                Epochs = isQuick ? 15 : null,
                Samples = isQuick ? 1_000 : 10_000,
                Seed = parsed.GetValue(seed),
            };
            var backend = context.Backend;
            var results = context.WithProgress("experiment bleckel", status => BleckelExperiment.Run(settings, status, context.Cancellation, backend));
            return IExperimentReport.Emit(new BleckelReport(dir, results, isQuick, backend), context, parsed.GetValue(json), clock, dir);
        });
        return command;
    }

    private static Matrix Grey(string sample, int size) =>
        ImageFile.ToGrey(ImageFile.Resize(ImageFile.Read(DemoContext.Sample(sample)), size, size)).Channels[0];
}
