using System.CommandLine;
using LowRank.Approximation;
using LowRank.Cli.Output;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank approx IN (--rank k | --rank auto-denoise | --rank shrink | --energy f | --ratio c) [--noise-sigma σ] [--method ...] [-o OUT]</c>:
/// the best rank-k approximation and its error report. Images are approximated channel by channel (alpha kept).
/// </summary>
internal static class ApproxCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "Matrix file (.csv .tsv .txt .npy .mtx .npz, svmlight, ratings, IDX) or image" };
        var ranks = new RankOptions();
        var method = Flags.Method();
        var output = new Option<string?>("--output", "-o") { Description = "Write A_k here; the format follows the extension" };
        var outY = new Option<string?>("--out-y") { Description = "Write the factor Y = U_k·Σ_k^½ (m×k); A_k = Y·Zᵀ" };
        var outZ = new Option<string?>("--out-z") { Description = "Write the factor Z = V_k·Σ_k^½ (n×k)" };
        var oversampling = Flags.Oversampling();
        var power = Flags.PowerIterations();
        var seed = Flags.Seed();
        var reference = new Option<string?>("--reference") { Description = "A clean reference of the same shape: report how close the output (and the input) are to it" };
        var text = new TextReadFlags();
        var json = Flags.Json();
        var inputs = new InputFlags();
        var command = new Command("approx", "Best rank-k approximation (Eckart–Young) with its error report");
        command.Arguments.Add(input);
        foreach (Option o in (Option[])[.. ranks.All, method, output, outY, outZ, reference, oversampling, power, seed, json])
            command.Options.Add(o);
        inputs.AddTo(command);
        text.AddTo(command);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!;
            string? outPath = parsed.GetValue(output), yPath = parsed.GetValue(outY), zPath = parsed.GetValue(outZ);
            string? referencePath = parsed.GetValue(reference);
            foreach (string? o in new[] { outPath, yPath, zPath })
            {
                LoadedInput.CheckOutput(o, path);
                if (referencePath is not null) LoadedInput.CheckOutput(o, referencePath);
            }
            var rule = ranks.Read(parsed) ?? throw new InvalidInputException($"give exactly one of {RankOptions.Usage}");
            var loaded = LoadedInput.Read(context, path, text.Read(parsed), inputs.Read(parsed));
            var clean = referencePath is null ? null : LoadedInput.Read(context, referencePath, text.Read(parsed), inputs.Read(parsed));
            if (clean is not null) ReferenceScore.RequireSameShape(clean, loaded);
            if (outPath is not null && loaded.Channels.Count > 1 && !MatrixFile.IsImage(outPath))
                throw new InvalidInputException($"{outPath}: a colour image's approximation must be written as an image (.png .jpg .bmp .webp)");
            if ((yPath ?? zPath) is not null && loaded.Channels.Count > 1)
                throw new InvalidInputException("--out-y/--out-z need a single matrix; this image has several colour channels");
            var backend = context.Backend;
            var options = Flags.RandomizedOptions(parsed, oversampling, power, seed);
            var results = context.WithProgress($"rank approximation of {Describe(loaded)}", () =>
                loaded.Channels.Select(channel => LowRankApproximator.Approximate(channel, rule, Flags.ParseMethod(parsed.GetValue(method)), options, backend)).ToArray());

            var reconstructed = outPath is null && clean is null ? null : results.Select(r => r.Reconstruct(backend)).ToArray();
            var score = clean is null ? null : ReferenceScore.Of(clean, loaded, reconstructed!);
            if (outPath is not null) context.Write(outPath, () => Write(outPath, loaded, reconstructed!, context.Cancellation));
            if (yPath is not null) context.Write(yPath, () => MatrixFile.Write(yPath, results[0].FactorY(), context.Cancellation));
            if (zPath is not null) context.Write(zPath, () => MatrixFile.Write(zPath, results[0].FactorZ(), context.Cancellation));
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, Report(loaded, results, outPath, score));
            else
            {
                Tables.Approximation(context, path, results);
                Notes(context, results, score);
            }
            return 0;
        });
        return command;
    }

    private static string Describe(LoadedInput loaded) =>
        $"{loaded.Channels[0].Rows}×{loaded.Channels[0].Cols}" + (loaded.Channels.Count > 1 ? $" ×{loaded.Channels.Count} channels" : "");

    /// <summary>Writes A_k (an image keeps the input's alpha and bit depth); returns the writer's precision warnings.</summary>
    private static IReadOnlyList<string> Write(string outPath, LoadedInput loaded, Matrix[] reconstructed, CancellationToken cancellationToken) =>
        loaded.Image is ImageData image && MatrixFile.IsImage(outPath)
            ? ImageFile.Write(outPath, image with { Channels = reconstructed }, cancellationToken)
            : MatrixFile.Write(outPath, reconstructed[0], cancellationToken);

    /// <summary>Under the table: what a denoising rule did (per channel) and how close output and input are to the reference.</summary>
    private static void Notes(CliContext context, RankKApproximation[] results, ReferenceScore? score)
    {
        for (int c = 0; c < results.Length; c++)
            if (results[c].Denoising is SingularValueDenoising d)
                context.Output.WriteLine(DenoisingOutput.Line(d, results.Length > 1 ? $"channel {c}" : null));
        if (score is null) return;
        string Image(double? psnr, double? ssim) => psnr is double p
            ? FormattableString.Invariant($", PSNR {p:0.00} dB, SSIM {ssim:0.0000}")
            : "";
        context.Output.WriteLine($"against the reference: output ‖Â−R‖_F/‖R‖_F = {Tables.Number(score.RelErrorFrobenius)}{Image(score.PsnrDb, score.Ssim)}; " +
            $"input {Tables.Number(score.InputRelErrorFrobenius)}{Image(score.InputPsnrDb, score.InputSsim)}");
    }

    /// <summary>The JSON of the approx command (docs/cli.md); for several channels the top level aggregates them and "channels" lists each.</summary>
    private static object Report(LoadedInput loaded, RankKApproximation[] results, string? output, ReferenceScore? score)
    {
        if (results.Length == 1) return Fields(results[0], output, score);
        double normSq = loaded.Channels.Sum(c => Math.Pow(c.FrobeniusNorm(), 2));
        double errSq = results.Zip(loaded.Channels).Sum(p => Math.Pow(p.First.RelErrorFrobenius * p.Second.FrobeniusNorm(), 2));
        var first = results[0];
        return new
        {
            first.Rows,
            first.Cols,
            Channels = results.Length,
            Rank = results.Max(r => r.Rank),
            Method = first.Method.ToString().ToLowerInvariant(),
            SigmaNext = results.Max(r => r.SigmaNext),
            RelErrorSpectral = results.Max(r => r.RelErrorSpectral),
            RelErrorFrobenius = normSq == 0 ? 0 : Math.Sqrt(errSq / normSq),
            NumericalRank = results.Max(r => r.NumericalRank),
            StoredNumbers = results.Sum(r => r.StoredNumbers),
            StorageRatio = results.Sum(r => r.StoredNumbers) / ((double)first.Rows * first.Cols * results.Length),
            Seconds = results.Sum(r => r.Seconds),
            Output = output,
            Reference = score,
            PerChannel = results.Select(r => Fields(r, null, null)).ToArray(),
        };
    }

    private static object Fields(RankKApproximation r, string? output, ReferenceScore? score) => new
    {
        r.Rows,
        r.Cols,
        r.Rank,
        Method = r.Method.ToString().ToLowerInvariant(),
        r.SigmaNext,
        r.RelErrorSpectral,
        r.RelErrorFrobenius,
        SpectralErrorEstimated = r.SpectralErrorEstimated,
        OptimalRelErrorFrobenius = r.OptimalRelErrorFrobenius,
        r.NumericalRank,
        NumericalRankIsLowerBound = r.NumericalRankIsLowerBound,
        ApproximationRank = r.ApproximationRank,
        r.StoredNumbers,
        r.StorageRatio,
        r.StoredNonzeros,
        StorageRatioNonzeros = r.StorageRatioToNonzeros,
        r.Seconds,
        Output = output,
        Denoising = DenoisingOutput.Json(r.Denoising),
        Reference = score,
    };
}
