using System.CommandLine;
using System.Diagnostics;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank svd IN... --rank k --passes 1</c>: the single-pass streaming sketch (<see cref="StreamingSvd"/>) and its
/// a-posteriori error estimate. A .npy file is read by the block operator (read ahead on another thread); standard input,
/// text files and several files stacked by rows are read as a <see cref="RowStream"/>. Where the data can be read again
/// (anything but standard input) the true error, from one more pass, is set next to the estimate.
/// </summary>
internal static class SinglePassSvd
{
    public static int Run(CliContext context, LargeDataFlags large, ParseResult parsed, IReadOnlyList<string> inputs, int? rank, int seed, bool json,
        string? uPath, string? sPath, string? vPath, TextReadOptions text)
    {
        int r = large.SinglePassRank(parsed, rank);
        bool npyFile = inputs.Count == 1 && !Directory.Exists(inputs[0]) && string.Equals(Path.GetExtension(inputs[0]), ".npy", StringComparison.OrdinalIgnoreCase);
        var run = npyFile ? FromFile(context, large, parsed, inputs[0], r, seed) : FromStream(context, large, parsed, inputs, r, seed, text);
        string name = string.Join(" ", inputs);
        // A stream of columns (Fortran order, Matrix Market array) was sketched as Aᵀ: A = V·Σ·Uᵀ of what was computed.
        var computed = run.Result.Svd;
        var svd = run.Transposed
            ? computed with { Rows = computed.Cols, Cols = computed.Rows, U = computed.VT!.Transpose(), VT = computed.U!.Transpose() }
            : computed;
        if (uPath is not null) context.Write(uPath, () => MatrixFile.Write(uPath, svd.U!, context.Cancellation));
        if (sPath is not null) context.Write(sPath, () => MatrixFile.Write(sPath, new Matrix(svd.Count, 1, (double[])svd.S.Clone()), context.Cancellation));
        if (vPath is not null) context.Write(vPath, () => MatrixFile.Write(vPath, svd.VT!.Transpose(), context.Cancellation));
        double Relative(double e) => run.Norm == 0 ? 0 : e / run.Norm;
        double? trueRelative = run.TrueError is double t ? Relative(t) : null;
        var size = run.Result.Size;
        if (json)
        {
            JsonReport.Write(context.Output, new
            {
                svd.Rows,
                svd.Cols,
                Method = "single-pass",
                Backend = context.Backend.Name,
                Rank = svd.Count,
                SingularValues = svd.S,
                SketchRangeSize = size.RangeSize,
                SketchCoreSize = size.CoreSize,
                SketchErrorSize = size.ErrorSize,
                SketchStorage = size.Storage(run.Result.Svd.Rows, run.Result.Svd.Cols),
                EstimatedRelErrorFrobenius = Relative(run.Result.EstimatedFrobeniusError),
                TrueRelErrorFrobenius = trueRelative,
                run.Seconds,
                run.Facts.Passes,
                run.CheckPasses,
                run.Facts.BytesRead,
                run.Facts.PeakMemory,
                run.Facts.Storage,
                run.Facts.Dtype,
            });
            return 0;
        }
        context.Output.WriteLine($"{name}: {svd.Rows}×{svd.Cols}, rank {svd.Count} by a single-pass sketch (k = {size.RangeSize}, s = {size.CoreSize}) in {run.Seconds:0.###} s");
        context.Output.WriteLine($"singular values: {string.Join(", ", svd.S.Select(x => Tables.Number(x)))}");
        context.Output.WriteLine($"relative Frobenius error: estimated {Tables.Number(Relative(run.Result.EstimatedFrobeniusError))} (from the sketch), "
            + (trueRelative is double tr ? $"true {Tables.Number(tr)} (second pass)" : "true not measured (standard input is read once)"));
        return 0;
    }

    /// <summary>What one single-pass run produced: the approximation (of Aᵀ when <paramref name="Transposed"/>), ‖A‖_F, the true error when measured.</summary>
    private sealed record Outcome(StreamingApproximation Result, double Norm, double? TrueError, double Seconds, RunFacts Facts, long CheckPasses, bool Transposed);

    private static Outcome FromFile(CliContext context, LargeDataFlags large, ParseResult parsed, string path, int rank, int seed)
    {
        var (input, size) = large.OpenSinglePass(context, parsed, path, rank);
        using var _ = input;
        var backend = context.Backend;
        var clock = Stopwatch.StartNew();
        var result = context.WithProgress($"single-pass sketch of a {input.Operator.Rows}×{input.Operator.Cols} matrix", update =>
        {
            input.ReportTo(update);
            return StreamingSvd.Compute(input.Blocks, rank, size, seed, backend);
        });
        double seconds = clock.Elapsed.TotalSeconds;
        var facts = LargeInput.Facts(input);
        double norm = Math.Sqrt(input.Blocks.SquaredFrobeniusNorm()); // summed during the pass
        double trueError = context.WithProgress("checking the error (a second pass)", update =>
        {
            input.ReportTo(update);
            return StreamingSvd.FrobeniusError(input.Blocks, result.Svd, backend);
        });
        return new Outcome(result, norm, trueError, seconds, facts, input.Blocks.Passes - facts.Passes!.Value, input.Operator is TransposedOperator);
    }

    private static Outcome FromStream(CliContext context, LargeDataFlags large, ParseResult parsed, IReadOnlyList<string> inputs, int rank, int seed, TextReadOptions text)
    {
        var backend = context.Backend;
        var clock = Stopwatch.StartNew();
        using var stream = RowStreams.Open(inputs, context.StandardInput, text);
        var sketch = large.NewStreamSketch(context, parsed, stream, rank, seed);
        var (_, squares) = context.WithProgress($"single-pass sketch of {stream.Name}", update =>
            RowStreamPass.Run(stream, update, (_, count, block) => sketch.AppendRows(count, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(block), backend)));
        var result = sketch.Approximate(rank, backend);
        double seconds = clock.Elapsed.TotalSeconds;
        var facts = new RunFacts(1, stream.BytesRead, Process.GetCurrentProcess().PeakWorkingSet64, "streamed", "float64");
        double? trueError = null;
        if (RowStreams.Rereadable(inputs))
            trueError = context.WithProgress("checking the error (a second pass)", update =>
            {
                using var again = RowStreams.Open(inputs, context.StandardInput, text);
                return StreamingSvd.FrobeniusError(visit => RowStreamPass.Run(again, update, visit), RowStreamPass.BlockRows(again.Cols), result.Svd, backend);
            });
        return new Outcome(result, Math.Sqrt(squares), trueError, seconds, facts, trueError is null ? 0 : 1, stream.StoresTranspose);
    }
}
