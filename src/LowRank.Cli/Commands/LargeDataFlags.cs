using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Linalg.Blocked;

namespace LowRank.Cli.Commands;

/// <summary>
/// The options of svd, approx and pca for matrices larger than memory — <c>--memory SIZE</c> and <c>--dtype</c> — and
/// the one decision they drive (<see cref="Open"/>): a .npy that does not fit the budget (or has more entries than one
/// .NET array, or is float32) is multiplied block of rows by block of rows, from memory or from the file.
/// </summary>
internal sealed partial class LargeDataFlags
{
    private readonly Option<string?> _memory = new("--memory")
    {
        Description = $"Memory budget (e.g. 512MB, 4GB; default {MemoryBudget.DefaultShare:P0} of physical memory): a .npy input larger than it is read block by block from the file (out of core)",
    };

    private readonly Option<string?> _dtype = new("--dtype")
    {
        Description = "Precision of the products for a float .npy input: float32 (sgemm, half the memory) or float64; default: as stored",
    };

    private readonly Option<int?> _passes = new("--passes")
    {
        Description = "1: single-pass streaming sketch of a .npy (Tropp, Yurtsever, Udell & Cevher 2019) with an a-posteriori error estimate; needs --rank",
    };

    private readonly Option<long?> _storage = new("--storage")
    {
        Description = "Single pass: storage budget T in numbers for the range, co-range and core sketches (default 20·k·(m+n))",
    };

    public LargeDataFlags() => _dtype.AcceptOnlyFromAmong("float32", "float64");

    /// <summary>Adds the options; <paramref name="singlePass"/> also adds <c>--passes</c> and <c>--storage</c>.</summary>
    public void AddTo(Command command, bool singlePass = false)
    {
        foreach (Option o in new Option[] { _memory, _dtype }) command.Options.Add(o);
        if (singlePass) foreach (Option o in new Option[] { _passes, _storage }) command.Options.Add(o);
    }

    /// <summary>Adds <c>--memory</c> and <c>--storage</c> only (the sketch command, which is single-pass by nature).</summary>
    public void AddSketchOptionsTo(Command command)
    {
        foreach (Option o in new Option[] { _memory, _storage }) command.Options.Add(o);
    }

    /// <summary>
    /// Whether <c>--passes 1</c> asks for the single-pass sketch; refuses other pass counts, and the options in
    /// <paramref name="needsAnotherPass"/> (given by the command: power iterations, a method other than randomized, ...).
    /// </summary>
    public bool SinglePass(ParseResult parsed, IEnumerable<string> needsAnotherPass)
    {
        int? passes = parsed.GetValue(_passes);
        if (passes is null)
        {
            if (parsed.GetValue(_storage) is not null) throw new InvalidInputException("--storage sizes the single-pass sketch: give --passes 1");
            return false;
        }
        if (passes != 1) throw new InvalidInputException($"--passes {passes}: only 1 (the single-pass sketch) can be chosen; the randomized SVD makes q + 1 passes by itself");
        foreach (string option in needsAnotherPass)
            throw new InvalidInputException($"--passes 1 reads the data once, and {option} needs another pass; drop one of them");
        return true;
    }

    /// <summary>The rank of a single-pass run: <c>--rank</c> is required, and the sketch is float64 (<c>--dtype float32</c> refused).</summary>
    public int SinglePassRank(ParseResult parsed, int? rank)
    {
        if (rank is not int k) throw new InvalidInputException("--passes 1 needs --rank k");
        if (parsed.GetValue(_dtype) == "float32") throw new InvalidInputException("--passes 1 sketches in float64; drop --dtype float32");
        return k;
    }

    /// <summary>
    /// An empty sketch for the rows of <paramref name="stream"/> and target rank <paramref name="rank"/>: sizes from
    /// <c>--storage</c> (or the default budget) by <see cref="StreamingSketchSize.ForBudget"/> — for a stream that does
    /// not announce its rows (delimited text) as if it had as many rows as columns — and refused when the sketch and
    /// one block of rows do not fit <c>--memory</c>.
    /// </summary>
    public StreamingSketch NewStreamSketch(CliContext context, ParseResult parsed, RowStream stream, int rank, int seed)
    {
        long budget = Budget(parsed.GetValue(_memory));
        int n = stream.Cols, m = (int)Math.Min(int.MaxValue, stream.Rows ?? n);
        var size = StreamingSketchSize.ForBudget(parsed.GetValue(_storage) ?? StreamingSketchSize.DefaultBudget(rank, m, n), rank, m, n);
        long needed = StreamingSketch.Bytes(m, n, size) + (long)RowStreamPass.BlockRows(n) * n * sizeof(double);
        if (needed > budget)
            throw new InvalidInputException($"a memory budget of {MemoryBudget.Format(budget)} is too small for the single-pass sketch of {stream.Name} and one block of rows: it needs {MemoryBudget.Format(needed)}; raise --memory or lower --storage");
        context.Note($"{stream.Name}: single pass over {(stream.Rows is long r ? $"{r:N0}" : "an unknown number of")} {(stream.StoresTranspose ? "columns" : "rows")} of {n:N0}; "
            + $"sketch sizes k = {size.RangeSize}, s = {size.CoreSize}, q = {size.ErrorSize}{(stream.Rows is null ? $" (sized as for {n:N0} rows)" : "")}");
        return new StreamingSketch(0, n, size, seed);
    }

    /// <summary>
    /// The .npy input as a float64 block operator for the single-pass sketch of rank <paramref name="rank"/>: sizes from
    /// <c>--storage</c> (or the default budget), blocks from <c>--memory</c> after the sketch's own memory.
    /// </summary>
    public (LargeInput Input, StreamingSketchSize Size) OpenSinglePass(CliContext context, ParseResult parsed, string path, int rank)
    {
        long budget = Budget(parsed.GetValue(_memory));
        int k = rank;
        if (NpyRowBlocks.Describe(path) is null)
            throw new InvalidInputException($"{path}: --passes 1 reads a float64 or float32 .npy file block by block");
        var source = NpyRowBlocks.Open(path, BlockElementType.Float64);
        try
        {
            int m = source.Rows, n = source.Cols;
            var size = StreamingSketchSize.ForBudget(parsed.GetValue(_storage) ?? StreamingSketchSize.DefaultBudget(k, m, n), k, m, n);
            long sketchBytes = StreamingSketch.Bytes(m, n, size);
            var plan = BlockPlan.For(m, n, sizeof(double), 0, sketchBytes, budget, source.ConversionBytes(1));
            var op = new RowBlockOperator(source, plan.Resident ? (int)Math.Min(m, BlockPlan.MaxBufferBytes / Math.Max(1, (long)n * sizeof(double))) : plan.BlockRows);
            context.Note($"{path}: single pass in {op.Blocks:N0} blocks of {op.BlockRows:N0} {(source.StoresTranspose ? "columns" : "rows")}; sketch sizes k = {size.RangeSize}, s = {size.CoreSize}, q = {size.ErrorSize} ({size.Storage(m, n):N0} numbers)");
            return (new LargeInput(source.StoresTranspose ? new TransposedOperator(op) : op, op, source, 0, SvdMethod.Randomized), size);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The input as a block operator when it should be one, else null (the command reads it as before). The budget is
    /// checked against physical memory whatever the input. <paramref name="rank"/> is the k of the run, null when the
    /// rank is chosen from the spectrum (which needs the dense matrix); <paramref name="oversampling"/> sizes the sketch.
    /// <paramref name="rowBlocksInMemory"/> (svd): a C-order float64 .npy that fits in memory, for a run that resolves
    /// to the randomized SVD, is also held as blocks of rows — read straight into them, with no conversion to the
    /// column-major matrix, and multiplied by the q + 1 fused passes of <see cref="RowBlockOperator.MultiplyThenTransposed"/>.
    /// </summary>
    public LargeInput? Open(CliContext context, ParseResult parsed, string path, int? rank, int oversampling, SvdMethod method, TextReadOptions? text = null,
        bool rowBlocksInMemory = false)
    {
        if (OpenRows(context, parsed, [path], rank, oversampling, method, text) is { } streamed) return streamed;
        long budget = Budget(parsed.GetValue(_memory));
        BlockElementType? dtype = parsed.GetValue(_dtype) switch
        {
            "float32" => BlockElementType.Float32,
            "float64" => BlockElementType.Float64,
            _ => null,
        };
        // Without a rank and a budget the run needs the whole spectrum as before: the in-memory path says what it needs.
        bool npy = string.Equals(Path.GetExtension(path), ".npy", StringComparison.OrdinalIgnoreCase);
        var facts = npy && (rank is not null || parsed.GetValue(_memory) is not null || dtype is not null) ? NpyRowBlocks.Describe(path) : null;
        if (facts is not var (rows, cols, stored))
        {
            if (dtype is not null) throw new InvalidInputException($"{path}: --dtype applies to float32/float64 .npy inputs");
            return null;
        }
        var elementType = dtype ?? stored;
        int elementSize = elementType == BlockElementType.Float64 ? sizeof(double) : sizeof(float);
        int vectors = rank is int k ? k + oversampling : 0;
        long sketch = RandomizedSvd.SketchBytes(rows, cols, vectors);
        bool fitsAsMatrix = elementType == BlockElementType.Float64 && rows * cols <= Array.MaxLength
            && Matrix.BytesFor(rows, cols) + sketch <= budget;
        bool asRowBlocks = rowBlocksInMemory && elementType == BlockElementType.Float64 && rank is int r
            && SvdSolver.Resolve(method, (int)Math.Min(rows, int.MaxValue), (int)Math.Min(cols, int.MaxValue), r) == SvdMethod.Randomized;
        if (fitsAsMatrix && !asRowBlocks) return null;
        var resolved = Method(method, path);
        if (rank is null)
            throw new InvalidInputException($"{path}: the {rows:N0}×{cols:N0} matrix is read block by block (budget {MemoryBudget.Format(budget)}"
                + $"{(elementType == BlockElementType.Float32 ? ", float32" : "")}); give --rank k (choosing the rank from the whole spectrum needs the dense matrix)");
        var source = NpyRowBlocks.Open(path, elementType);
        if (fitsAsMatrix && source.StoresTranspose)
        {
            source.Dispose(); // Fortran order: the column-major matrix is the file's layout, read as it lies
            return null;
        }
        try
        {
            var plan = BlockPlan.For(source.Rows, source.Cols, elementSize, vectors, sketch, budget, source.ConversionBytes(1));
            IRowBlockSource blocks = plan.Resident ? ResidentRowBlocks.Load(source, plan.BlockRows, context.Cancellation) : source;
            var op = new RowBlockOperator(blocks, plan.BlockRows);
            if (plan.Resident) source.Dispose();
            context.Note($"{path}: {rows:N0}×{cols:N0} {(elementType == BlockElementType.Float64 ? "float64" : "float32")}, "
                + (plan.Resident ? $"held in memory in blocks of {op.BlockRows:N0} rows" : $"read from the file in {op.Blocks:N0} blocks of {op.BlockRows:N0} {(source.StoresTranspose ? "columns" : "rows")} per pass (budget {MemoryBudget.Format(budget)})"));
            return new LargeInput(source.StoresTranspose ? new TransposedOperator(op) : op, op, plan.Resident ? null : source, plan.Resident ? source.DataBytes : 0, resolved);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Inputs read as a <see cref="RowStream"/> by the block operator (<see cref="SequentialRowBlocks"/>): several files
    /// or a directory stacked by rows (always), or one CSV/TSV/text or Matrix Market file whose values would not fit the
    /// budget in memory (taken as 8 bytes per byte of text, an upper bound: a number takes at least 2 characters with its
    /// delimiter) when a rank is given. Null when the input is read as before. Standard input cannot be read twice: it
    /// is refused here (the single-pass sketch reads it).
    /// </summary>
    public LargeInput? OpenRows(CliContext context, ParseResult parsed, IReadOnlyList<string> inputs, int? rank, int oversampling, SvdMethod method, TextReadOptions? text)
    {
        string name = string.Join(" ", inputs);
        if (inputs.Contains(RowStreams.StandardInput))
            throw new InvalidInputException("standard input can be read only once: it is read by the single-pass sketch (svd - --rank k --passes 1, or sketch create -)");
        long budget = Budget(parsed.GetValue(_memory));
        bool stacked = inputs.Count > 1 || Directory.Exists(inputs[0]);
        if (!stacked)
        {
            if (rank is null || !RowStreams.IsText(inputs[0]) || !File.Exists(inputs[0])) return null;
            if (8 * new FileInfo(inputs[0]).Length <= budget) return null;
        }
        if (parsed.GetValue(_dtype) == "float32") throw new InvalidInputException($"{name}: --dtype float32 applies to .npy inputs");
        var resolved = Method(method, name);
        if (rank is not int k)
            throw new InvalidInputException($"{name}: {(stacked ? "inputs stacked by rows are" : "this file is")} read block by block; give --rank k (choosing the rank from the whole spectrum needs the dense matrix)");
        var source = SequentialRowBlocks.Open(() => RowStreams.Open(inputs, context.StandardInput, text), context.Cancellation);
        try
        {
            long sketch = RandomizedSvd.SketchBytes(source.Rows, source.Cols, k + oversampling);
            var plan = BlockPlan.For(source.Rows, source.Cols, sizeof(double), k + oversampling, sketch, budget);
            IRowBlockSource blocks = plan.Resident ? ResidentRowBlocks.Load(source, plan.BlockRows, context.Cancellation) : source;
            var op = new RowBlockOperator(blocks, plan.BlockRows);
            long loaded = source.CountingBytes + (plan.Resident ? (long)source.Rows * source.Cols * sizeof(double) : 0);
            if (plan.Resident) source.Dispose();
            context.Note($"{name}: {source.Rows:N0}×{source.Cols:N0} {(source.StoresTranspose ? "(stored by columns) " : "")}"
                + (plan.Resident ? $"held in memory in blocks of {op.BlockRows:N0} rows" : $"read from the text in {op.Blocks:N0} blocks of {op.BlockRows:N0} rows per pass (budget {MemoryBudget.Format(budget)})"));
            return new LargeInput(source.StoresTranspose ? new TransposedOperator(op) : op, op, plan.Resident ? null : source, loaded, resolved);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The budget: <c>--memory</c> (bytes, or with a unit KB/MB/GB/TB or KiB/MiB/GiB/TiB, all powers of 1024), refused when
    /// it exceeds physical memory; else <see cref="MemoryBudget.DefaultBytes"/>.
    /// </summary>
    internal static long Budget(string? text)
    {
        if (text is null) return MemoryBudget.DefaultBytes;
        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || number <= 0)
            throw new InvalidInputException($"--memory {text}: expected a size such as 512MB or 4GB");
        int power = match.Groups["u"].Value.ToUpperInvariant() switch { "K" => 1, "M" => 2, "G" => 3, "T" => 4, _ => 0 };
        double bytes = number * Math.Pow(1024, power);
        long available = MemoryBudget.AvailableBytes;
        if (bytes > available)
            throw new InvalidInputException($"--memory {text} is more than the {MemoryBudget.Format(available)} of physical memory");
        return (long)bytes;
    }

    [GeneratedRegex(@"^(?<n>[0-9]*\.?[0-9]+)\s*(?:(?<u>[kKmMgGtT])(?:i?[bB])?|[bB])?$")]
    private static partial Regex SizePattern();

    /// <summary>The method for a block operator: auto is the randomized SVD; exact needs the dense matrix.</summary>
    private static SvdMethod Method(SvdMethod requested, string path) => requested switch
    {
        SvdMethod.Auto => SvdMethod.Randomized,
        SvdMethod.Exact => throw new InvalidInputException($"{path}: --method exact needs the dense matrix in memory; use randomized or lanczos, or raise --memory"),
        _ => requested,
    };
}
