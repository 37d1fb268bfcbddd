using System.CommandLine;
using LowRank.Approximation;
using LowRank.Cli.Output;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank approx IN (--rank k | --rank auto-denoise | --energy f | --ratio c) [--method ...] [-o OUT]</c>:
/// the best rank-k approximation and its error report. Images are approximated channel by channel (alpha kept).
/// A sparse input whose dense m×n reconstruction would not fit in memory gets its factors written instead of A_k
/// (see <see cref="ReconstructionFits"/>).
/// </summary>
internal static class ApproxCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "Matrix file (.csv .tsv .txt .npy .mtx, IDX) or image" };
        var rank = new Option<string?>("--rank", "-k") { Description = "Rank k, or auto-denoise (Gavish–Donoho optimal hard threshold)" };
        var energy = new Option<double?>("--energy") { Description = "Smallest k keeping this fraction of Σσ² (e.g. 0.9)" };
        var ratio = new Option<double?>("--ratio") { Description = "Smallest k with Σ_(i≤k) σ_i ≥ c·Σ_(i>k) σ_i" };
        var method = Flags.Method();
        var output = new Option<string?>("--output", "-o") { Description = "Write A_k here; the format follows the extension" };
        var outY = new Option<string?>("--out-y") { Description = "Write the factor Y = U_k·Σ_k^½ (m×k); A_k = Y·Zᵀ" };
        var outZ = new Option<string?>("--out-z") { Description = "Write the factor Z = V_k·Σ_k^½ (n×k)" };
        var oversampling = Flags.Oversampling();
        var power = Flags.PowerIterations();
        var seed = Flags.Seed();
        var tolerance = Flags.Tolerance();
        var json = Flags.Json();
        var command = new Command("approx", "Best rank-k approximation (Eckart–Young) with its error report");
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { rank, energy, ratio, method, tolerance, output, outY, outZ, oversampling, power, seed, json })
            command.Options.Add(o);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!;
            string? outPath = parsed.GetValue(output), yPath = parsed.GetValue(outY), zPath = parsed.GetValue(outZ);
            foreach (string? o in new[] { outPath, yPath, zPath }) LoadedInput.CheckOutput(o, path);
            var rule = Rule(parsed.GetValue(rank), parsed.GetValue(energy), parsed.GetValue(ratio));
            var loaded = LoadedInput.Read(path);
            if (outPath is not null && loaded.Channels.Count > 1 && !MatrixFile.IsImage(outPath))
                throw new InvalidInputException($"{outPath}: a colour image's approximation must be written as an image (.png .jpg .bmp .webp)");
            if ((yPath ?? zPath) is not null && loaded.Channels.Count > 1)
                throw new InvalidInputException("--out-y/--out-z need a single matrix; this image has several colour channels");
            IReadOnlyList<ILinearOperator> inputs = loaded.Channels.Count > 1 ? loaded.Channels : [loaded.Operator("approx")];
            if (outPath is not null && !ReconstructionFits(inputs[0]))
            {
                // The dense A_k would not fit: its factors Y and Z go next to the requested path instead.
                if (yPath is not null || zPath is not null)
                    throw new InvalidInputException($"{outPath}: the dense {inputs[0].Rows}×{inputs[0].Cols} approximation will not fit in memory; drop -o and keep --out-y/--out-z (A_k = Y·Zᵀ)");
                (yPath, zPath) = (FactorPath(outPath, "Y"), FactorPath(outPath, "Z"));
                foreach (string o in new[] { yPath, zPath }) LoadedInput.CheckMatrixOutput(o, path);
                context.Error.WriteLine($"note: the dense {inputs[0].Rows:N0}×{inputs[0].Cols:N0} approximation needs {MemoryBudget.Format(Matrix.BytesFor(inputs[0].Rows, inputs[0].Cols))}, "
                    + $"more than fits; writing its factors instead: {yPath} (Y = U_k·Σ_k^½) and {zPath} (Z = V_k·Σ_k^½), A_k = Y·Zᵀ");
                outPath = null;
            }
            var backend = context.Backend;
            var options = Flags.RandomizedOptions(parsed, oversampling, power, seed);
            var lanczos = Flags.LanczosOptions(parsed, tolerance, seed);
            var results = context.WithProgress($"rank approximation of {Describe(loaded)}", () =>
                inputs.Select(channel => LowRankApproximator.Approximate(channel, rule, Flags.ParseMethod(parsed.GetValue(method)), options, backend, lanczos)).ToArray());
            foreach (var r in results)
                if (r.Svd is not null) OperatorFacts.WarnIfNotConverged(context, r.Svd);

            if (outPath is not null) Write(outPath, loaded, results, backend);
            if (yPath is not null) MatrixFile.Write(yPath, results[0].FactorY());
            if (zPath is not null) MatrixFile.Write(zPath, results[0].FactorZ());
            if (parsed.GetValue(json)) JsonReport.Write(context.Output, Report(loaded, inputs, results, outPath, yPath, zPath, backend));
            else Tables.Approximation(context, path, results, outPath);
            return 0;
        });
        return command;
    }

    /// <summary>Exactly one of --rank, --energy, --ratio.</summary>
    private static RankRule Rule(string? rank, double? energy, double? ratio)
    {
        int given = (rank is null ? 0 : 1) + (energy is null ? 0 : 1) + (ratio is null ? 0 : 1);
        if (given != 1) throw new InvalidInputException("give exactly one of --rank k, --rank auto-denoise, --energy f, --ratio c");
        if (energy is double f) return RankRule.Energy(f);
        if (ratio is double c) return RankRule.Ratio(c);
        if (string.Equals(rank, "auto-denoise", StringComparison.OrdinalIgnoreCase)) return RankRule.AutoDenoise();
        return int.TryParse(rank, out int k) && k > 0
            ? RankRule.Fixed(k)
            : throw new InvalidInputException($"--rank must be a positive integer or auto-denoise, not '{rank}'");
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

    private static string Describe(LoadedInput loaded) =>
        $"{loaded.Channels[0].Rows}×{loaded.Channels[0].Cols}" + (loaded.Channels.Count > 1 ? $" ×{loaded.Channels.Count} channels" : "");

    private static void Write(string outPath, LoadedInput loaded, RankKApproximation[] results, ILinalgBackend backend)
    {
        var reconstructed = results.Select(r => r.Reconstruct(backend)).ToArray();
        if (loaded.Image is ImageData image && MatrixFile.IsImage(outPath))
            ImageFile.Write(outPath, image with { Channels = reconstructed });
        else
            MatrixFile.Write(outPath, reconstructed[0]);
    }

    /// <summary>The JSON of DESIGN §3; for several channels the top level aggregates them and "channels" lists each.</summary>
    private static object Report(LoadedInput loaded, IReadOnlyList<ILinearOperator> inputs, RankKApproximation[] results, string? output,
        string? yPath, string? zPath, ILinalgBackend backend)
    {
        if (results.Length == 1) return Fields(results[0], output, inputs[0], yPath, zPath, backend);
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
            PerChannel = results.Zip(inputs).Select(p => Fields(p.First, null, p.Second, null, null, backend)).ToArray(),
        };
    }

    private static object Fields(RankKApproximation r, string? output, ILinearOperator a, string? yPath, string? zPath, ILinalgBackend backend) => new
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
        r.Seconds,
        Output = output,
        OutY = yPath,
        OutZ = zPath,
    };
}
