using System.CommandLine;
using LowRank.Approximation;
using LowRank.Cli.Output;
using LowRank.Compression;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank image IN (--rank k|auto-denoise|shrink [--noise-sigma σ] | --sweep k1,k2,... | --energy f | --ratio c) [--reference CLEAN] [-o OUT] [--ycbcr [--chroma-rank k]] [--lrz-bits 8|16]
/// [--report DIR] [--json]</c>: image compression by truncated SVD, plane by plane, with PSNR, SSIM and storage for
/// every output; OUT is an image or a <c>.lrz</c> file. <c>lowrank image decode F.lrz -o OUT</c> is
/// <see cref="ImageDecodeCommand"/>.
/// </summary>
internal static class ImageCommand
{
    private const string Description = "Image compression by truncated SVD: PSNR, SSIM, storage, .lrz files";

    /// <summary>
    /// The <c>image</c> command for <paramref name="args"/>: when they call <c>image decode</c>, a group holding only
    /// <c>decode</c>, else the compressor. Had the compressor, whose first argument is the image, also held
    /// <c>decode</c>, System.CommandLine would show that argument in decode's usage ("lowrank image &lt;input&gt;
    /// decode &lt;input&gt;").
    /// </summary>
    public static Command Create(CliContext context, string[] args)
    {
        int image = Array.IndexOf(args, "image");
        if (image < 0 || image + 1 >= args.Length || args[image + 1] != "decode") return Compressor(context);
        var group = new Command("image", Description);
        group.Subcommands.Add(ImageDecodeCommand.Create(context));
        return group;
    }

    private static Command Compressor(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "Image (.png .jpg .jpeg .bmp .webp), grey or colour, alpha kept" };
        var ranks = new RankOptions();
        var sweep = new Option<string?>("--sweep") { Description = "Several ranks, e.g. 5,10,20,50; with -o OUT each is written to OUT-kK.ext" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the result: an image (.png .bmp .webp lossless, .jpg quality 95) or .lrz (quantised factors)" };
        var ycbcr = new Option<bool>("--ycbcr") { Description = "Compress in YCbCr (JPEG full-range BT.601) instead of RGB" };
        var chroma = new Option<int?>("--chroma-rank") { Description = $"With --ycbcr: rank of Cb and Cr (default ⌈k/{ImageRun.ChromaDivisor}⌉ with a fixed k, else the plane's own rule)" };
        var bits = new Option<int>("--lrz-bits") { Description = "Bits per factor entry in .lrz output: 8 or 16", DefaultValueFactory = _ => 8 };
        var reference = new Option<string?>("--reference") { Description = "A clean image of the same size: report PSNR and SSIM of each output (and of the input) against it" };
        var report = new Option<string?>("--report") { Description = "Write figures and index.html into this directory" };
        var json = Flags.Json();
        var command = new Command("image", Description + "; `lowrank image decode F.lrz -o OUT` rebuilds an image from a .lrz file");
        command.Arguments.Add(input);
        foreach (Option o in (Option[])[.. ranks.All, sweep, output, ycbcr, chroma, bits, reference, report, json]) command.Options.Add(o);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!;
            var settings = new ImageRun.Settings(
                Ranks: ImageRun.Rules(ranks.Read(parsed), parsed.GetValue(sweep)),
                Sweep: parsed.GetValue(sweep) is not null,
                YCbCr: parsed.GetValue(ycbcr),
                ChromaRank: parsed.GetValue(chroma),
                Bits: parsed.GetValue(bits),
                Output: parsed.GetValue(output));
            ImageRun.Check(settings, path);
            string? referencePath = parsed.GetValue(reference);
            if (referencePath is not null) ImageRun.CheckReference(settings, referencePath);
            string? reportDir = parsed.GetValue(report) is string r ? Flags.ReportDirectory(context, r) : null;
            if (!MatrixFile.IsImage(path))
                throw new InvalidInputException($"{path}: not an image; lowrank image reads .png .jpg .jpeg .bmp .webp (and `lowrank image decode` reads .lrz)");
            var image = ImageFile.Read(path);
            if (image.BitDepth == 16)
            {
                context.Warn([$"{path}: a 16-bit image; lowrank image compresses 8-bit pixels, so its values are divided by 257 (the low 8 bits are lost)"]);
                image = ImageFile.To8Bit(image);
            }
            if (image.IsGrey && settings.YCbCr) throw new InvalidInputException($"{path}: --ycbcr needs a colour image; this one is greyscale");
            var clean = referencePath is null ? null : ImageRun.ReadReference(referencePath, image);
            // Image planes are too small for LAPACK's threads to pay: unless the user chose a thread count, this process
            // runs BLAS on one thread and ImageCompressor decomposes the planes side by side (about 2× faster on 2 cores).
            if (parsed.GetValue(LowRankCli.Threads) is null && Backends.ThreadsFromEnvironment() is null) context.Backend.Threads = 1;
            var run = context.WithProgress($"SVD of {Tables.ImageSize(image.Height, image.Width)} ×{image.Channels.Count}", () => ImageRun.Execute(image, settings, context.Backend, clean, context.Cancellation));
            foreach (var entry in run.Entries)
                if (entry.Output is not null) context.Wrote(entry.Output);
            if (reportDir is not null)
            {
                ImageFigures.Report(reportDir, path, run, context.Backend);
                context.WroteFolder(reportDir, parsed.GetValue(report)!);
            }
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, ImageJson.Of(path, run));
            else ImageTable.Write(context, path, run);
            return 0;
        });
        return command;
    }
}
