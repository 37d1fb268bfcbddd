using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank svd IN.npy --rank k --passes 1</c>: the single-pass streaming sketch (<see cref="StreamingSvd"/>), its
/// a-posteriori error estimate, and — since a file can be read again — the true error from one more pass, side by side.
/// </summary>
internal static class SinglePassSvd
{
    public static int Run(CliContext context, LargeDataFlags large, System.CommandLine.ParseResult parsed, string path, int? rank, int seed, bool json,
        string? uPath, string? sPath, string? vPath)
    {
        var (input, size) = large.OpenSinglePass(context, parsed, path, rank);
        using var _ = input;
        var backend = context.Backend;
        var clock = Stopwatch.StartNew();
        var result = context.WithProgress($"single-pass sketch of a {input.Operator.Rows}×{input.Operator.Cols} matrix", update =>
        {
            input.ReportTo(update);
            return StreamingSvd.Compute(input.Blocks, rank!.Value, size, seed, backend);
        });
        double seconds = clock.Elapsed.TotalSeconds;
        var facts = LargeInput.Facts(input);
        double norm = Math.Sqrt(input.Blocks.SquaredFrobeniusNorm()); // summed during the pass
        double trueError = context.WithProgress("checking the error (a second pass)", update =>
        {
            input.ReportTo(update);
            return StreamingSvd.FrobeniusError(input.Blocks, result.Svd, backend);
        });
        // A Fortran-order file was sketched as Aᵀ: A = V·Σ·Uᵀ of what was computed.
        var svd = input.Operator is TransposedOperator
            ? result.Svd with { Rows = result.Svd.Cols, Cols = result.Svd.Rows, U = result.Svd.VT!.Transpose(), VT = result.Svd.U!.Transpose() }
            : result.Svd;
        if (uPath is not null) context.Write(uPath, () => MatrixFile.Write(uPath, svd.U!, context.Cancellation));
        if (sPath is not null) context.Write(sPath, () => MatrixFile.Write(sPath, new Matrix(svd.Count, 1, (double[])svd.S.Clone()), context.Cancellation));
        if (vPath is not null) context.Write(vPath, () => MatrixFile.Write(vPath, svd.VT!.Transpose(), context.Cancellation));
        double Relative(double e) => norm == 0 ? 0 : e / norm;
        if (json)
        {
            JsonReport.Write(context.Output, new
            {
                svd.Rows,
                svd.Cols,
                Method = "single-pass",
                Backend = backend.Name,
                Rank = svd.Count,
                SingularValues = svd.S,
                SketchRangeSize = size.RangeSize,
                SketchCoreSize = size.CoreSize,
                SketchErrorSize = size.ErrorSize,
                SketchStorage = size.Storage(svd.Rows, svd.Cols),
                EstimatedRelErrorFrobenius = Relative(result.EstimatedFrobeniusError),
                TrueRelErrorFrobenius = Relative(trueError),
                Seconds = seconds,
                facts.Passes,
                CheckPasses = input.Blocks.Passes - facts.Passes,
                facts.BytesRead,
                facts.PeakMemory,
                facts.Storage,
                facts.Dtype,
            });
            return 0;
        }
        context.Output.WriteLine($"{path}: {svd.Rows}×{svd.Cols}, rank {svd.Count} by a single-pass sketch (k = {size.RangeSize}, s = {size.CoreSize}) in {seconds:0.###} s");
        context.Output.WriteLine($"singular values: {string.Join(", ", svd.S.Select(x => Tables.Number(x)))}");
        context.Output.WriteLine($"relative Frobenius error: estimated {Tables.Number(Relative(result.EstimatedFrobeniusError))} (from the sketch), true {Tables.Number(Relative(trueError))} (second pass)");
        return 0;
    }
}
