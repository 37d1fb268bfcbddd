using System.CommandLine;
using System.Runtime.InteropServices;
using LowRank.Cli.Output;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;

namespace LowRank.Cli.Commands;

/// <summary>
/// <c>lowrank sketch create|add|finish</c>: the single-pass sketch of Tropp, Yurtsever, Udell &amp; Cevher (SISC 2019) as
/// a file, for data that arrive over time. <c>create</c> sketches an input read once (a file, files stacked by rows, or
/// standard input); <c>add</c> folds in an update without the old data — A ← A + H (H of the same shape, the linear
/// update (2.3)) or, with <c>--append</c>, new rows below A; <c>finish</c> gives the rank-r approximation and its
/// a-posteriori error estimate from the sketch alone.
/// </summary>
internal static class SketchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("sketch", "Single-pass sketch as a file: create it from data read once, add updates (A ← A + H, or new rows), finish into a rank-r SVD");
        command.Subcommands.Add(CreateCommand(context));
        command.Subcommands.Add(AddCommand(context));
        command.Subcommands.Add(FinishCommand(context));
        return command;
    }

    private static Argument<string[]> Inputs(string what) => new("input")
    {
        Description = $"{what}: .npy, .csv/.tsv/.txt or .mtx files (several, or a directory, are stacked by rows), or '-' for standard input",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Option<string> Output() => new("--output", "-o") { Description = "The sketch file to write (.npz)", Required = true };

    private static Command CreateCommand(CliContext context)
    {
        var input = Inputs("The matrix");
        var rank = new Option<int>("--rank", "-k") { Description = "Target rank r: sizes the sketch for it (with --storage)", Required = true };
        var seed = Flags.Seed();
        var output = Output();
        var json = Flags.Json();
        var text = new TextReadFlags();
        var large = new LargeDataFlags();
        var command = new Command("create", "Sketch a matrix read once (Tropp et al. 2019: range, co-range, core and error sketches)");
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { rank, seed, output, json }) command.Options.Add(o);
        text.AddTo(command);
        large.AddSketchOptionsTo(command);
        command.SetAction(parsed =>
        {
            string[] paths = parsed.GetValue(input)!;
            string target = parsed.GetValue(output)!;
            foreach (string p in paths) LoadedInput.CheckOutput(target, p);
            using var stream = Open(context, paths, text.Read(parsed));
            var sketch = large.NewStreamSketch(context, parsed, stream, parsed.GetValue(rank), parsed.GetValue(seed));
            long rows = Feed(context, stream, "sketching", (first, count, block) => sketch.AppendRows(count, block, context.Backend));
            context.Write(target, () => SketchFile.Write(target, sketch));
            return Report(context, parsed.GetValue(json), target, sketch, stream.BytesRead, $"sketched {rows:N0} rows");
        });
        return command;
    }

    private static Command AddCommand(CliContext context)
    {
        var sketchPath = new Argument<string>("sketch") { Description = "The sketch file (.npz) from 'sketch create' or an earlier 'sketch add'" };
        var input = Inputs("The update H");
        var append = new Option<bool>("--append") { Description = "H holds new rows below A (A grows) instead of an update of the same shape (A ← A + H)" };
        var output = Output();
        var json = Flags.Json();
        var text = new TextReadFlags();
        var command = new Command("add", "Fold an update into a sketch without the old data: A ← A + H (the sketch of the sum is the sum of the sketches), or new rows with --append");
        command.Arguments.Add(sketchPath);
        command.Arguments.Add(input);
        foreach (Option o in new Option[] { append, output, json }) command.Options.Add(o);
        text.AddTo(command);
        command.SetAction(parsed =>
        {
            string from = parsed.GetValue(sketchPath)!, target = parsed.GetValue(output)!;
            string[] paths = parsed.GetValue(input)!;
            foreach (string p in paths.Append(from)) LoadedInput.CheckOutput(target, p);
            var sketch = SketchFile.Read(from);
            using var stream = Open(context, paths, text.Read(parsed));
            if (stream.Cols != sketch.Cols)
                throw new InvalidInputException($"{stream.Name}: rows of {stream.Cols:N0} values, but the sketch {from} is of a matrix with {sketch.Cols:N0} columns");
            bool grow = parsed.GetValue(append);
            int m = sketch.Rows;
            long rows = Feed(context, stream, "adding", (first, count, block) =>
            {
                if (grow)
                {
                    sketch.AppendRows(count, block, context.Backend);
                    return;
                }
                if ((long)first + count > m)
                    throw new InvalidInputException($"{stream.Name}: the update has more rows than the sketched matrix ({m:N0}); give --append to add rows below it");
                sketch.AddRows(first, count, block, context.Backend);
            });
            if (!grow && rows != m)
                throw new InvalidInputException($"{stream.Name}: the update has {rows:N0} rows, the sketched matrix {m:N0}; an update A ← A + H needs the same shape (or --append for new rows)");
            context.Write(target, () => SketchFile.Write(target, sketch));
            return Report(context, parsed.GetValue(json), target, sketch, stream.BytesRead, grow ? $"appended {rows:N0} rows" : $"added a {rows:N0}×{stream.Cols:N0} update");
        });
        return command;
    }

    private static Command FinishCommand(CliContext context)
    {
        var sketchPath = new Argument<string>("sketch") { Description = "The sketch file (.npz)" };
        var rank = new Option<int>("--rank", "-k") { Description = "Rank r of the approximation (at most the sketch's k)", Required = true };
        var outU = new Option<string?>("--out-u") { Description = "Write U (m×r) to this file" };
        var outS = new Option<string?>("--out-s") { Description = "Write the singular values (r×1) to this file" };
        var outV = new Option<string?>("--out-v") { Description = "Write V (n×r) to this file" };
        var json = Flags.Json();
        var command = new Command("finish", "The rank-r SVD from a sketch alone, with the a-posteriori estimate of its Frobenius error (Tropp et al. 2019, §4 and §6)");
        command.Arguments.Add(sketchPath);
        foreach (Option o in new Option[] { rank, outU, outS, outV, json }) command.Options.Add(o);
        command.SetAction(parsed =>
        {
            string from = parsed.GetValue(sketchPath)!;
            string? uPath = parsed.GetValue(outU), sPath = parsed.GetValue(outS), vPath = parsed.GetValue(outV);
            foreach (string? o in new[] { uPath, sPath, vPath }) LoadedInput.CheckOutput(o, from);
            var sketch = SketchFile.Read(from);
            var result = sketch.Approximate(parsed.GetValue(rank), context.Backend);
            var svd = result.Svd;
            if (uPath is not null) context.Write(uPath, () => MatrixFile.Write(uPath, svd.U!, context.Cancellation));
            if (sPath is not null) context.Write(sPath, () => MatrixFile.Write(sPath, new Matrix(svd.Count, 1, (double[])svd.S.Clone()), context.Cancellation));
            if (vPath is not null) context.Write(vPath, () => MatrixFile.Write(vPath, svd.VT!.Transpose(), context.Cancellation));
            if (parsed.GetValue(json))
            {
                JsonReport.Write(context.Output, new
                {
                    svd.Rows,
                    svd.Cols,
                    Method = "single-pass",
                    Rank = svd.Count,
                    SingularValues = svd.S,
                    EstimatedErrorFrobenius = result.EstimatedFrobeniusError,
                    SketchRangeSize = sketch.Size.RangeSize,
                    SketchCoreSize = sketch.Size.CoreSize,
                    SketchErrorSize = sketch.Size.ErrorSize,
                });
                return 0;
            }
            context.Output.WriteLine($"{from}: {svd.Rows:N0}×{svd.Cols:N0}, rank {svd.Count} from the sketch (k = {sketch.Size.RangeSize}, s = {sketch.Size.CoreSize})");
            context.Output.WriteLine($"singular values: {string.Join(", ", svd.S.Select(x => Tables.Number(x)))}");
            context.Output.WriteLine($"estimated Frobenius error ‖A − Â‖_F: {Tables.Number(result.EstimatedFrobeniusError)} (from the error sketch, about ±{100 / Math.Sqrt(2.0 * sketch.Size.ErrorSize):0}%)");
            return 0;
        });
        return command;
    }

    /// <summary>Opens the inputs as rows; a stream of columns (Fortran order, Matrix Market array) is refused: a sketch takes rows.</summary>
    private static RowStream Open(CliContext context, IReadOnlyList<string> paths, TextReadOptions text)
    {
        var stream = RowStreams.Open(paths, context.StandardInput, text);
        if (!stream.StoresTranspose) return stream;
        stream.Dispose();
        throw new InvalidInputException($"{stream.Name}: stores the matrix by columns (Fortran order or a Matrix Market array); a sketch file takes rows (save it in C order)");
    }

    private delegate void RowsAction(int firstRow, int rowCount, ReadOnlySpan<double> rowMajor);

    private static long Feed(CliContext context, RowStream stream, string label, RowsAction use) =>
        context.WithProgress($"{label} {stream.Name}", update =>
            RowStreamPass.Run(stream, update, (first, count, block) => use(first, count, MemoryMarshal.Cast<byte, double>(block))).Rows);

    private static int Report(CliContext context, bool json, string target, StreamingSketch sketch, long bytes, string what)
    {
        if (json)
        {
            JsonReport.Write(context.Output, new
            {
                Sketch = target,
                sketch.Rows,
                sketch.Cols,
                SketchRangeSize = sketch.Size.RangeSize,
                SketchCoreSize = sketch.Size.CoreSize,
                SketchErrorSize = sketch.Size.ErrorSize,
                sketch.Seed,
                BytesRead = bytes,
            });
            return 0;
        }
        context.Output.WriteLine($"{what}: the sketch of a {sketch.Rows:N0}×{sketch.Cols:N0} matrix (k = {sketch.Size.RangeSize}, s = {sketch.Size.CoreSize}, q = {sketch.Size.ErrorSize})");
        return 0;
    }
}
