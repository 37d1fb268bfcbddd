using System.Globalization;
using LowRank.Cli.Output;
using LowRank.Compression;
using Spectre.Console;

namespace LowRank.Cli.Commands;

/// <summary>The table of <c>lowrank image</c>: one row per rank, with what was written.</summary>
internal static class ImageTable
{
    public static void Write(CliContext context, string path, ImageRun run)
    {
        var image = run.Image;
        var model = run.Compressor.Model;
        string planes = string.Join(", ", ColourPlanes.Names(model));
        context.Console.MarkupLine($"[bold]{Markup.Escape(path)}[/]: {Tables.ImageSize(image.Height, image.Width)}, {planes}" +
            (image.Alpha is null ? "" : " + alpha (stored exactly)") + $"; SVD in {Tables.Seconds(run.Compressor.SvdSeconds)}");
        bool lrz = run.Entries.Any(e => e.Lrz is not null), reference = run.InputAgainstReference is not null;
        var table = new Table().AddColumns(["k" + (model == ColourModel.Grey ? "" : $" ({string.Join("/", ColourPlanes.Names(model))})"),
            "PSNR (dB)", "SSIM", .. reference ? new[] { "PSNR vs reference", "SSIM vs reference" } : [],
            "storage k(m+n+1) vs dense m·n", "‖A−A_k‖_F/‖A‖_F", .. lrz ? new[] { "bits/pixel" } : [], "output"]);
        for (int c = 1; c < table.Columns.Count - 1; c++) table.Columns[c].RightAligned();
        foreach (var e in run.Entries)
        {
            var r = e.Result;
            table.AddRow([
                string.Join("/", r.Ranks), Decibels(e.Written.PsnrDb),
                e.Written.Ssim.ToString("0.0000", CultureInfo.InvariantCulture),
                .. e.AgainstReference is ImageFidelity f ? new[] { Decibels(f.PsnrDb), f.Ssim.ToString("0.0000", CultureInfo.InvariantCulture) } : [],
                Tables.Percent(r.StorageRatio),
                string.Join(" / ", r.Planes.Select(p => p.RelErrorFrobenius.ToString("0.0000", CultureInfo.InvariantCulture))),
                .. lrz ? new[] { e.Lrz!.BitsPerPixel.ToString("0.000", CultureInfo.InvariantCulture) + $" ({e.Lrz.Bits}-bit)" } : [],
                Markup.Escape(e.Output ?? "—")]);
        }
        context.Console.Write(table);
        context.Output.WriteLine("PSNR over all colour values and SSIM on luma, both of what was written (the decoded .lrz for .lrz).");
        var names = ColourPlanes.Names(model);
        foreach (var e in run.Entries)
            for (int c = 0; c < e.Result.Planes.Count; c++)
                if (e.Result.Planes[c].Denoising is { } d) context.Output.WriteLine(DenoisingOutput.Line(d, model == ColourModel.Grey ? null : names[c]));
        if (run.InputAgainstReference is ImageFidelity input)
            context.Output.WriteLine($"The input against the reference: PSNR {Decibels(input.PsnrDb)} dB, SSIM {input.Ssim.ToString("0.0000", CultureInfo.InvariantCulture)}.");
    }

    private static string Decibels(double psnr) => psnr.ToString("0.00", CultureInfo.InvariantCulture);
}
