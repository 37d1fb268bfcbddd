using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.Distributed.Mpi;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank pca IN --rank k [--method ...] [--tol t] [--out-components F] [--out-scores F] [--out-mean F]</c>:
/// principal components of the rows, by a truncated SVD of the implicitly centred matrix (sparse input stays sparse).
/// </summary>
internal static class PcaCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("input") { Description = "Matrix file, one sample per row (.csv .tsv .txt .npy .mtx .npz, svmlight, ratings, IDX)" };
        var rank = new Option<int>("--rank", "-k") { Description = "Number of components", Required = true };
        var method = Flags.Method();
        var tolerance = Flags.Tolerance();
        var outComponents = new Option<string?>("--out-components") { Description = "Write the components (k×n, one per row) to this file" };
        var outScores = new Option<string?>("--out-scores") { Description = "Write the scores (m×k, each row projected on the components) to this file" };
        var outMean = new Option<string?>("--out-mean") { Description = "Write the column means (1×n) that were subtracted to this file" };
        var oversampling = Flags.Oversampling();
        var power = Flags.PowerIterations();
        var seed = Flags.Seed();
        var json = Flags.Json();
        var inputs = new InputFlags();
        var text = new TextReadFlags();
        var large = new LargeDataFlags();
        var command = new Command("pca", "Principal component analysis, centring implicitly (sparse input is never densified)");
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { rank, method, tolerance, outComponents, outScores, outMean, oversampling, power, seed, json })
            command.Options.Add(o);
        inputs.AddTo(command);
        text.AddTo(command);
        large.AddTo(command);

        command.SetAction(parsed =>
        {
            string path = parsed.GetValue(input)!;
            string? componentsPath = parsed.GetValue(outComponents), scoresPath = parsed.GetValue(outScores), meanPath = parsed.GetValue(outMean);
            foreach (string? o in new[] { componentsPath, scoresPath, meanPath }) LoadedInput.CheckMatrixOutput(o, path);
            int k = parsed.GetValue(rank);
            if (MpiEnvironment.UnderMpirun)
                return DistributedPcaRun.Run(context, new DistributedPcaRun.Request(path, k, parsed.GetValue(method), Flags.RandomizedOptions(parsed, oversampling, power, seed),
                    Flags.LanczosOptions(parsed, tolerance, seed), componentsPath, scoresPath, meanPath, parsed.GetValue(json), inputs.Read(parsed).Dense), command);
            using var big = large.Open(context, parsed, path, k, parsed.GetValue(oversampling), Flags.ParseMethod(parsed.GetValue(method)), text.Read(parsed));
            var pcaMethod = big?.Method ?? Flags.ParseMethod(parsed.GetValue(method));
            var a = big?.Operator ?? LoadedInput.Read(context, path, text.Read(parsed), inputs.Read(parsed), sparseCapable: true).Operator("pca");
                        if (k < 1 || k > Math.Min(a.Rows, a.Cols))
                throw new InvalidInputException($"--rank {k} must be between 1 and min(m, n) = {Math.Min(a.Rows, a.Cols)} for a {a.Rows}×{a.Cols} matrix");
            var backend = context.Backend;
            var options = Flags.RandomizedOptions(parsed, oversampling, power, seed);
            var lanczos = Flags.LanczosOptions(parsed, tolerance, seed);
            var clock = Stopwatch.StartNew();
            var pca = context.WithProgress($"PCA of a {a.Rows}×{a.Cols} matrix", update =>
            {
                big?.ReportTo(update);
                return Pca.Fit(a, k, pcaMethod, options, lanczos, backend);
            });
            var facts = LargeInput.Facts(big);
            double seconds = clock.Elapsed.TotalSeconds;
            OperatorFacts.WarnIfNotConverged(context, pca.Svd);

            if (componentsPath is not null) context.Write(componentsPath, () => MatrixFile.Write(componentsPath, pca.Components, context.Cancellation));
            if (scoresPath is not null) context.Write(scoresPath, () => MatrixFile.Write(scoresPath, pca.Scores, context.Cancellation));
            if (meanPath is not null) context.Write(meanPath, () => MatrixFile.Write(meanPath, new Matrix(1, pca.Mean.Length, (double[])pca.Mean.Clone()), context.Cancellation));

            if (parsed.GetValue(json))
            {
                JsonReport.Write(context.Output, new
                {
                    Rows = a.Rows,
                    Cols = a.Cols,
                    Nnz = OperatorFacts.StoredEntries(a),
                    Density = OperatorFacts.Density(a),
                    Rank = k,
                    Method = pca.Svd.Method.ToString().ToLowerInvariant(),
                    Backend = backend.Name,
                    pca.ExplainedVariance,
                    pca.ExplainedVarianceRatio,
                    pca.TotalVariance,
                    SingularValues = pca.Svd.S,
                    pca.Svd.OperatorProducts,
                    pca.Svd.Iterations,
                    // The randomized method leaves residuals to the caller: computed here on the centred operator, as svd does.
                    Residuals = OperatorFacts.Residuals(pca.Svd.Residuals is null ? new CenteredOperator(a, backend) : a, pca.Svd, backend),
                    pca.Svd.Converged,
                    Seconds = seconds,
                    facts.Passes,
                    facts.BytesRead,
                    facts.PeakMemory,
                    facts.Storage,
                    facts.Dtype,
                });
                return 0;
            }
            Tables.Pca(context, path, a.Rows, a.Cols, pca.Svd.Method.ToString().ToLowerInvariant(), pca.ExplainedVariance, pca.ExplainedVarianceRatio, seconds);
            return 0;
        });
        return command;
    }
}
