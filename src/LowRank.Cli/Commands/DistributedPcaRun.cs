using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.Distributed;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank pca</c> started by <c>mpirun</c>: every process reads its row block, the column means come from one
/// Allreduce, the centred matrix's randomized (or, with --method lanczos, Lanczos) SVD runs distributed
/// (<see cref="DistributedPca"/>); rank 0 prints the report and writes the components and the mean, and every process
/// writes its rows of the scores into one .npy — in the frame of <see cref="DistributedRun"/> (agreed failures, one
/// error line, outputs only once complete).
/// </summary>
internal static class DistributedPcaRun
{
    /// <summary>What the pca command asks of a distributed run.</summary>
    public sealed record Request(string Path, int Rank, string? Method, RandomizedSvdOptions Options, LanczosOptions Lanczos,
        string? ComponentsPath, string? ScoresPath, string? MeanPath, bool Json, bool Dense);

    public static int Run(CliContext context, Request request, Command command) =>
        DistributedRun.Run(context, command, world => Execute(context, request, command, world));

    private static void Execute(CliContext context, Request request, Command command, ICommunicator world)
    {
        var backend = context.Backend;
        var clock = Stopwatch.StartNew();
        var method = request.Method == "lanczos" ? SvdMethod.Lanczos : SvdMethod.Randomized;
        var (block, local, rows, cols) = DistributedRun.ReadBlock(world, request.Path, (m, n, rowBlock) =>
        {
            Check(request);
            if (method == SvdMethod.Lanczos) DistributedLanczosSvd.Validate(m, n, rowBlock, request.Rank, request.Lanczos);
            else DistributedRandomizedSvd.Validate(m, n, rowBlock, request.Rank, request.Options);
        });
        double readSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var pca = DistributedRun.ComputeOrAbort(context, command, world,
            () => DistributedPca.Fit(local, block, rows, request.Rank, method, request.Options, request.Lanczos, world, backend));
        double seconds = clock.Elapsed.TotalSeconds;

        if (request.ScoresPath is string scoresPath) DistributedRun.WriteRows(context, world, scoresPath, rows, block, pca.LocalScores);
        Agreement.Run(world, () =>
        {
            if (world.Rank != 0) return;
            if (request.ComponentsPath is string c) context.Write(c, () => MatrixFile.Write(c, pca.Components, context.Cancellation));
            if (request.MeanPath is string mean) context.Write(mean, () => MatrixFile.Write(mean, new Matrix(1, pca.Mean.Length, (double[])pca.Mean.Clone()), context.Cancellation));
        });
        if (world.Rank != 0) return;
        string name = method.ToString().ToLowerInvariant();
        if (pca.Svd.Converged == false)
            context.Error.WriteLine($"warning: {name} stopped after {pca.Svd.Iterations} restarts before every residual met the tolerance; the largest singular values may be inaccurate (raise --tol)");
        if (request.Json)
            JsonReport.Write(context.Output, new
            {
                Rows = rows,
                Cols = cols,
                Rank = request.Rank,
                Method = name,
                Backend = backend.Name,
                Processes = world.Size,
                pca.ExplainedVariance,
                pca.ExplainedVarianceRatio,
                pca.TotalVariance,
                SingularValues = pca.Svd.S,
                pca.Svd.OperatorProducts,
                pca.Svd.Iterations,
                pca.Svd.Residuals,
                pca.Svd.Converged,
                SecondsRead = readSeconds,
                Seconds = seconds,
            });
        else Tables.Pca(context, request.Path, rows, cols, $"{name} ({world.Size} processes)", pca.ExplainedVariance, pca.ExplainedVarianceRatio, seconds);
    }

    /// <summary>The requests a distributed run does not serve, refused before any work.</summary>
    private static void Check(Request request)
    {
        if (request.Method is not (null or "auto" or "randomized" or "lanczos"))
            throw new InvalidInputException($"--method {request.Method}: a distributed pca runs the randomized or the lanczos method (use --method randomized, --method lanczos, or leave it out)");
        if (request.Dense) throw new InvalidInputException("--dense is not available in a distributed run (each process keeps its rows as stored)");
        if (request.ScoresPath is not null && !Path.GetExtension(request.ScoresPath).Equals(".npy", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"{request.ScoresPath}: a distributed run writes the scores as .npy (every process writes its rows in place)");
    }
}
