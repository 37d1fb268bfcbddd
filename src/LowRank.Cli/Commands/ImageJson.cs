using System.Text.Json.Nodes;
using LowRank.Cli.Output;
using LowRank.Compression;

namespace LowRank.Cli.Commands;

/// <summary>
/// The JSON of <c>lowrank image</c>: the image's fields, then either one rank's fields at the top level or, for
/// <c>--sweep</c>, a <c>sweep</c> array of them. psnr_db and ssim describe exactly what was written (the decoded
/// .lrz for a .lrz output, the file read back for JPEG, else the 8-bit image that -o would write); with --reference,
/// <c>reference</c> holds the PSNR and SSIM of the same pixels against the clean image, <c>input_against_reference</c>
/// those of the input; a denoising rule's work is in each plane's <c>denoising</c>.
/// </summary>
internal static class ImageJson
{
    public static JsonObject Of(string input, ImageRun run)
    {
        var image = run.Image;
        var common = Node(new
        {
            Input = input,
            image.Width,
            image.Height,
            Channels = image.Channels.Count,
            Alpha = image.Alpha is not null,
            ColourModel = run.Compressor.Model.ToString().ToLowerInvariant(),
            SvdSeconds = run.Compressor.SvdSeconds,
            run.Seconds,
            InputAgainstReference = Fidelity(run.InputAgainstReference),
        });
        var entries = run.Entries.Select(Entry).ToArray();
        if (run.Options.Sweep) common["sweep"] = new JsonArray(entries);
        else
            foreach (var (key, value) in entries[0]) common[key] = value?.DeepClone();
        return common;
    }

    private static JsonObject Entry(ImageRun.Entry e)
    {
        var r = e.Result;
        var names = ColourPlanes.Names(r.Model);
        return Node(new
        {
            Rank = r.Ranks[0],
            r.Ranks,
            e.Written.PsnrDb,
            e.Written.Ssim,
            r.StorageRatio,
            r.StoredNumbers,
            Reference = Fidelity(e.AgainstReference),
            Planes = r.Planes.Select((p, c) => new
            {
                Plane = names[c], p.Rank, p.RelErrorFrobenius, p.SigmaNext, p.StoredNumbers, p.StorageRatio, Denoising = DenoisingOutput.Json(p.Denoising),
            }).ToArray(),
            e.Output,
            Bits = e.Lrz?.Bits,
            Bytes = e.Lrz?.Bytes.Length,
            BitsPerPixel = e.Lrz?.BitsPerPixel,
            UnquantisedPsnrDb = e.Lrz is null ? (double?)null : r.Fidelity.PsnrDb,
            UnquantisedSsim = e.Lrz is null ? (double?)null : r.Fidelity.Ssim,
        });
    }

    /// <summary>PSNR and SSIM against the reference (of an output, or of the input itself), or null without --reference.</summary>
    private static object? Fidelity(ImageFidelity? f) => f is null ? null : new { f.PsnrDb, f.Ssim };

    private static JsonObject Node(object value) => JsonNode.Parse(JsonReport.Serialize(value))!.AsObject();
}
