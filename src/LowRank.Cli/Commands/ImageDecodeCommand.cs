using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Compression;
using LowRank.IO;
using Spectre.Console;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank image decode IN.lrz -o OUT [--json]</c>: rebuilds the image from a .lrz file's quantised factors.
/// A truncated, modified, foreign or newer-version file is refused (exit 2) and nothing is written.
/// </summary>
internal static class ImageDecodeCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "A .lrz file written by lowrank image" };
        var output = new Option<string>("--output", "-o") { Description = "The image to write (.png .jpg .jpeg .bmp .webp)", Required = true };
        var json = Flags.Json();
        var command = new Command("decode", "Decode a .lrz file into an image");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!, outPath = parsed.GetValue(output)!;
            LoadedInput.CheckOutput(outPath, path);
            if (!MatrixFile.IsImage(outPath))
                throw new InvalidInputException($"{outPath}: decode writes an image (.png .jpg .jpeg .bmp .webp)");
            var clock = Stopwatch.StartNew();
            var lrz = LrzFile.Read(path);
            var pixels = lrz.ToPixels(context.Backend);
            context.Warn(ImageFile.Write(outPath, new ImageData(lrz.Width, lrz.Height, pixels, lrz.Alpha)));
            long bytes = new FileInfo(path).Length;
            var report = new
            {
                Input = path,
                lrz.Width,
                lrz.Height,
                Channels = pixels.Length,
                Alpha = lrz.Alpha is not null,
                ColourModel = lrz.Model.ToString().ToLowerInvariant(),
                Rank = lrz.Ranks[0],
                lrz.Ranks,
                lrz.Bits,
                Bytes = bytes,
                BitsPerPixel = 8.0 * bytes / ((double)lrz.Width * lrz.Height),
                Output = outPath,
                Seconds = clock.Elapsed.TotalSeconds,
            };
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, report);
            else
                context.Console.MarkupLine($"[bold]{Markup.Escape(path)}[/]: {lrz.Width}×{lrz.Height}, {string.Join("/", ColourPlanes.Names(lrz.Model))} at rank " +
                    $"{string.Join("/", lrz.Ranks)}, {lrz.Bits}-bit factors, {report.BitsPerPixel:0.000} bits/pixel; wrote [bold]{Markup.Escape(outPath)}[/] in {Tables.Seconds(report.Seconds)}");
            return 0;
        });
        return command;
    }
}
