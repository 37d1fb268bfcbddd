using System.Diagnostics;
using System.Globalization;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Demo;

/// <summary>
/// Demo section: the single-pass sketch of Tropp, Yurtsever, Udell &amp; Cevher (SISC 2019) on data read once — the
/// bundled Spambase CSV streamed in blocks of rows, as standard input or a growing file would arrive — with the
/// a-posteriori error estimate set beside the true error and the optimal rank-r error of the exact SVD.
/// </summary>
internal sealed class StreamingSection : IDemoSection
{
    private const int Rank = 5, BlockRows = 500, Seed = 0;

    public string Key => "streaming";

    public string Title => "single-pass streaming sketch";

    public object Run(DemoContext context)
    {
        string path = DemoContext.Sample("spambase.csv");
        var clock = Stopwatch.StartNew();
        StreamingSketch sketch;
        long blocks = 0;
        using (var stream = DelimitedRowStream.Open(path, File.OpenRead(path)))
        {
            int n = stream.Cols, m = n; // the rows of a text stream are not known in advance: sized as for n rows (as svd - does)
            sketch = new StreamingSketch(0, n, StreamingSketchSize.ForBudget(StreamingSketchSize.DefaultBudget(Rank, m, n), Rank, m, n), Seed);
            var block = new double[BlockRows * n];
            int count;
            while ((count = stream.Read(block, BlockRows)) > 0)
            {
                sketch.AppendRows(count, block.AsSpan(0, count * n), context.Backend);
                blocks++;
                context.Cancellation.ThrowIfCancellationRequested();
            }
        }
        var result = sketch.Approximate(Rank, context.Backend);
        double seconds = clock.Elapsed.TotalSeconds;

        // the check the sketch does not need: the matrix in memory, its exact SVD and the true error
        var a = DelimitedFile.Read(path).Values;
        var (_, exact, _) = context.Backend.Svd(a.Clone(), computeVectors: false);
        double total = exact.Sum(x => x * x), optimal = Math.Sqrt(exact.Skip(Rank).Sum(x => x * x) / total);
        var residual = a.Clone();
        var us = result.Svd.U!.Clone();
        for (int j = 0; j < Rank; j++)
            foreach (ref double x in us.Column(j)) x *= result.Svd.S[j];
        context.Backend.Gemm(false, false, a.Rows, a.Cols, Rank, -1.0, us.Data, a.Rows, result.Svd.VT!.Data, Rank, 1.0, residual.Data, a.Rows);
        double trueError = residual.FrobeniusNorm() / Math.Sqrt(total), estimate = result.EstimatedFrobeniusError / Math.Sqrt(total);
        var size = result.Size;

        context.Report.AddSection("Single-pass streaming sketch: data read once",
            $"The bundled Spambase CSV ({a.Rows:N0}×{a.Cols}) is read once as a stream, {BlockRows} rows at a time, as standard input would deliver it; " +
            "only the sketches of Tropp, Yurtsever, Udell & Cevher (SISC 2019) are kept — range Y = AΩᵀ, co-range X = ΥA, core Z = ΦAΨᵀ and the error " +
            "sketch W = ΘA — and the rank-5 approximation and an estimate of its error come from them alone. Here the data fit in memory, so the true " +
            "error and the optimal one (the exact SVD's) can be set beside them.");
        context.Report.AddTable(["matrix", "blocks read", "sketch k, s, q", "numbers kept", "relative error: estimated", "true", "optimal rank-5", "time"],
        [[
            $"{a.Rows:N0}×{a.Cols}", blocks.ToString(CultureInfo.InvariantCulture), $"{size.RangeSize}, {size.CoreSize}, {size.ErrorSize}",
            size.Storage(a.Rows, a.Cols).ToString("N0", CultureInfo.InvariantCulture), Tables.Number(estimate), Tables.Number(trueError), Tables.Number(optimal), Tables.Seconds(seconds),
        ]], "Reproduce: cat samples/spambase.csv | lowrank svd - --rank 5 --passes 1. The estimate is ‖W − ΘÂ‖_F/√q (the paper's §6), within about 1/√(2q) = 5 %.");
        context.Headline = $"Spambase read once in {blocks} blocks: rank-{Rank} error {Tables.Number(trueError)} (optimal {Tables.Number(optimal)}), estimated {Tables.Number(estimate)} from the sketch";
        return new
        {
            Source = "samples/spambase.csv",
            a.Rows,
            a.Cols,
            Rank,
            Blocks = blocks,
            SketchRangeSize = size.RangeSize,
            SketchCoreSize = size.CoreSize,
            SketchErrorSize = size.ErrorSize,
            EstimatedRelErrorFrobenius = estimate,
            TrueRelErrorFrobenius = trueError,
            OptimalRelErrorFrobenius = optimal,
            Seconds = seconds,
        };
    }
}
