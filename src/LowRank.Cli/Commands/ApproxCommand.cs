using System.CommandLine;
using LowRank.Linalg.Sparse;
using LowRank.Approximation;
using LowRank.Cli.Output;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank approx IN (--rank k | --rank auto-denoise | --rank shrink | --energy f | --ratio c) [--noise-sigma σ] [--method ...] [-o OUT]</c>:
/// the best rank-k approximation and its error report. Images are approximated channel by channel (alpha kept).
/// A sparse input whose dense m×n reconstruction would not fit in memory gets its factors written instead of A_k
/// (see <see cref="ReconstructionFits"/>).
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
        var tolerance = Flags.Tolerance();
        var json = Flags.Json();
        var inputs = new InputFlags();
        var large = new LargeDataFlags();
        var command = new Command("approx", "Best rank-k approximation (Eckart–Young) with its error report");
        command.Arguments.Add(input);
        foreach (Option o in (Option[])[.. ranks.All, method, tolerance, output, outY, outZ, reference, oversampling, power, seed, json])
            command.Options.Add(o);
        inputs.AddTo(command);
        text.AddTo(command);
        large.AddTo(command);

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
            using var big = large.Open(context, parsed, path, rule.Kind == RankRuleKind.Fixed ? (int)rule.Value : null, parsed.GetValue(oversampling), Flags.ParseMethod(parsed.GetValue(method)), text.Read(parsed));
            var approxMethod = big?.Method ?? Flags.ParseMethod(parsed.GetValue(method));
            if (big is not null && referencePath is not null)
                throw new InvalidInputException($"{path}: --reference compares matrices held in memory; raise --memory to compare this one");
            if (big is not null && outPath is not null && !string.Equals(Path.GetExtension(outPath), ".npy", StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException($"{outPath}: the approximation of a matrix read block by block is written block by block, as .npy; choose a .npy output");
            var loaded = big is null ? LoadedInput.Read(context, path, text.Read(parsed), inputs.Read(parsed), sparseCapable: true) : new LoadedInput(path, [], null);
            if (referencePath is not null && loaded.Sparse is not null)
                throw new InvalidInputException($"{path}: --reference compares dense matrices; pass --dense to densify this sparse input");
            var clean = referencePath is null ? null : LoadedInput.Read(context, referencePath, text.Read(parsed), inputs.Read(parsed));
            if (clean is not null) ReferenceScore.RequireSameShape(clean, loaded);
            if (outPath is not null && loaded.Channels.Count > 1 && !MatrixFile.IsImage(outPath))
                throw new InvalidInputException($"{outPath}: a colour image's approximation must be written as an image (.png .jpg .bmp .webp)");
            if ((yPath ?? zPath) is not null && loaded.Channels.Count > 1)
                throw new InvalidInputException("--out-y/--out-z need a single matrix; this image has several colour channels");
            IReadOnlyList<ILinearOperator> operators = big is not null ? [big.Operator] : loaded.Channels.Count > 1 ? loaded.Channels : [loaded.Operator("approx")];
            if (outPath is not null && big is null && !ReconstructionFits(operators[0]))
            {
                // The dense A_k would not fit: its factors Y and Z go next to the requested path instead.
                if (yPath is not null || zPath is not null)
                    throw new InvalidInputException($"{outPath}: the dense {operators[0].Rows}×{operators[0].Cols} approximation will not fit in memory; drop -o and keep --out-y/--out-z (A_k = Y·Zᵀ)");
                (yPath, zPath) = (FactorPath(outPath, "Y"), FactorPath(outPath, "Z"));
                foreach (string o in new[] { yPath, zPath }) LoadedInput.CheckMatrixOutput(o, path);
                context.Error.WriteLine($"note: the dense {operators[0].Rows:N0}×{operators[0].Cols:N0} approximation needs {MemoryBudget.Format(Matrix.BytesFor(operators[0].Rows, operators[0].Cols))}, "
                    + $"more than fits; writing its factors instead: {yPath} (Y = U_k·Σ_k^½) and {zPath} (Z = V_k·Σ_k^½), A_k = Y·Zᵀ");
                outPath = null;
            }
            var backend = context.Backend;
            var options = Flags.RandomizedOptions(parsed, oversampling, power, seed);
            var lanczos = Flags.LanczosOptions(parsed, tolerance, seed);
                        var results = context.WithProgress($"rank approximation of {Describe(operators)}", update =>
            {
                big?.ReportTo(update);
                return operators.Select(channel => LowRankApproximator.Approximate(channel, rule, approxMethod, options, backend, lanczos)).ToArray();
            });
            var facts = LargeInput.Facts(big);
            foreach (var r in results)
                if (r.Svd is not null) OperatorFacts.WarnIfNotConverged(context, r.Svd);
            if (loaded.Sparse is CsrMatrix sparse) results = [results[0] with { StoredNonzeros = sparse.NonZeros }];

            string? blockOutput = null;
            if (big is not null && outPath is not null)
            {
                // A_k = Y·Zᵀ formed and written one block of rows at a time (the budget's block size), never whole.
                var (y, z) = (results[0].FactorY(), results[0].FactorZ());
                context.Write(outPath, () => NpyFile.WriteRows(outPath, y.Rows, z.Rows, big.Blocks.BlockRows,
                    (first, count, rows) => FactorRows.Fill(y, z, first, count, rows, backend), context.Cancellation));
                (blockOutput, outPath) = (outPath, null);
            }
            var reconstructed = outPath is null && clean is null ? null : results.Select(r => r.Reconstruct(backend)).ToArray();
            var score = clean is null ? null : ReferenceScore.Of(clean, loaded, reconstructed!);
            if (outPath is not null) context.Write(outPath, () => Write(outPath, loaded, reconstructed!, context.Cancellation));
            if (yPath is not null) context.Write(yPath, () => MatrixFile.Write(yPath, results[0].FactorY(), context.Cancellation));
            if (zPath is not null) context.Write(zPath, () => MatrixFile.Write(zPath, results[0].FactorZ(), context.Cancellation));
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, Report(loaded, operators, results, outPath ?? blockOutput, yPath, zPath, score, backend, facts));
            else
            {
                Tables.Approximation(context, path, results);
                Notes(context, results, score);
            }
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Whether the dense m×n A_k may be formed: always for dense input (it is the input's size); for other storage when
    /// it fits in one .NET array and in half the available memory (the other half for the factors and the writer).
    /// </summary>
    internal static bool ReconstructionFits(ILinearOperator a) =>
        a is Matrix || ((long)a.Rows * a.Cols <= Array.MaxLength && Matrix.BytesFor(a.Rows, a.Cols) <= MemoryBudget.AvailableBytes / 2);

    /// <summary>out.npy → out.Y.npy: where a factor goes when A_k is too large to write.</summary>
    private static string FactorPath(string output, string factor)
    {
        string ext = Path.GetExtension(output);
        return Path.ChangeExtension(output, null) + "." + factor + (MatrixFile.IsImage(output) ? ".npy" : ext);
    }

    private static string Describe(IReadOnlyList<ILinearOperator> operators) =>
        $"{operators[0].Rows}×{operators[0].Cols}" + (operators.Count > 1 ? $" ×{operators.Count} channels" : "");

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
    private static object Report(LoadedInput loaded, IReadOnlyList<ILinearOperator> operators, RankKApproximation[] results, string? output,
        string? yPath, string? zPath, ReferenceScore? score, ILinalgBackend backend, RunFacts facts)
    {
        if (results.Length == 1) return Fields(results[0], output, operators[0], yPath, zPath, score, backend, facts);
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
            PerChannel = results.Zip(operators).Select(p => Fields(p.First, null, p.Second, null, null, null, backend, null)).ToArray(),
        };
    }

    private static object Fields(RankKApproximation r, string? output, ILinearOperator a, string? yPath, string? zPath, ReferenceScore? score,
        ILinalgBackend backend, RunFacts? facts) => new
    {
        r.Rows,
        r.Cols,
        Nnz = OperatorFacts.StoredEntries(a),
        Density = OperatorFacts.Density(a),
        r.Rank,
        Method = r.Method.ToString().ToLowerInvariant(),
        OperatorProducts = r.Svd?.OperatorProducts ?? 0,
        Iterations = r.Svd?.Iterations ?? 0,
        Residuals = r.Svd is null ? null : OperatorFacts.Residuals(a, r.Svd, backend),
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
        OutY = yPath,
        OutZ = zPath,
        Denoising = DenoisingOutput.Json(r.Denoising),
        Reference = score,
        facts?.Passes,
        facts?.BytesRead,
        facts?.PeakMemory,
        facts?.Storage,
        facts?.Dtype,
    };
}
