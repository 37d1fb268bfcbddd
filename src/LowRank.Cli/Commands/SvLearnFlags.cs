using System.CommandLine;
using LowRank.Linalg;
using LowRank.SingularValueLearning;

namespace LowRank.Cli.Commands;

/// <summary>The data-set options shared by <c>svlearn train</c>, <c>svlearn evaluate</c> and <c>experiment svlearn</c>.</summary>
internal sealed class SvLearnFlags
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "spambase, fashion-mnist, or a file: an image or matrix (cut into windows), an IDX stack, or with --stack one flattened matrix per row",
        Required = true,
    };

    public Option<string?> Window { get; } = new("--window")
    {
        Description = "Window size MxN (default 32x32); for Fashion-MNIST and IDX stacks, windows cut from each image (default: the whole 28x28 image)",
    };

    public Option<int?> Stride { get; } = new("--stride") { Description = $"Window stride (default {SvLearnData.DefaultStride}); needs windows to cut" };

    public Option<bool> Stack { get; } = new("--stack") { Description = "Each row of the --data matrix is one flattened --window matrix" };

    public Option<int?> Limit { get; } = new("--limit") { Description = "Use only the first rows (Spambase, files) or images (Fashion-MNIST)" };

    public Option<string?> Cache { get; } = CacheOption();

    public Option<int> Seed { get; } = Flags.Seed();

    /// <summary>How a --data text file is read (delimiter, decimal comma).</summary>
    public TextReadFlags Text { get; } = new();

    public IEnumerable<Option> All => [Data, Window, Stride, Stack, Limit, Cache, Seed, .. Text.All];

    public SvLearnSource Load(ParseResult parsed, CliContext context) =>
        SvLearnData.Load(parsed.GetValue(Data)!, SvLearnData.ParseWindow(parsed.GetValue(Window)), parsed.GetValue(Stride),
            parsed.GetValue(Stack), parsed.GetValue(Limit), parsed.GetValue(Seed), parsed.GetValue(Cache), context.Backend,
            context.Cancellation, (context, Text.Read(parsed)));

    /// <summary><c>--cache DIR</c>, shared with <c>experiment svlearn</c> and <c>demo</c>.</summary>
    public static Option<string?> CacheOption() =>
        new("--cache") { Description = "SV-Learn label cache directory (default $LOWRANK_CACHE, else $XDG_CACHE_HOME/lowrank, else ~/.cache/lowrank; in its svlearn folder)" };

    /// <summary><c>--split paper|leakage-free</c>.</summary>
    public static Option<string> Split()
    {
        var option = new Option<string>("--split")
        {
            Description = "paper: random 85/15 of the windows, as published (overlapping windows leak); leakage-free: contiguous row blocks",
            DefaultValueFactory = _ => "paper",
        };
        option.AcceptOnlyFromAmong("paper", "leakage-free");
        return option;
    }

    public static DatasetSplit ChooseSplit(SvLearnSource source, string? name) =>
        name == "leakage-free" ? source.LeakageFreeSplit : source.PaperSplit;
}
