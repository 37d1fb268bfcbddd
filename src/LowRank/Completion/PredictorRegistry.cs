using LowRank.Completion.Advanced;

namespace LowRank.Completion;

/// <summary>
/// The rating predictors by command-line name, each built from the shared <see cref="CompletionOptions"/>.
/// Adding a method is one line in <see cref="Entries"/>: its name and a factory from the shared options.
/// The order is the order of <c>--method all</c> and of every comparison table.
/// </summary>
public static class PredictorRegistry
{
    private static readonly (string Name, Func<CompletionOptions, IRatingPredictor> Create)[] Entries =
    [
        ("baseline", o => new BaselinePredictor(BaselineOptions.From(o))),
        ("mean-svd", o => new MeanSvdPredictor(MeanSvdOptions.From(o))),
        ("hard-impute", o => new HardImputePredictor(HardImputeOptions.From(o))),
        ("soft-impute", o => new SoftImputePredictor(SoftImputeOptions.From(o))),
        ("als", o => new AlsPredictor(AlsOptions.From(o))),
        ("sgd", o => new SgdPredictor(SgdOptions.From(o))),
        ("svdpp", o => new SvdPlusPlus(SvdPlusPlusOptions.From(o))),
        ("knn-baseline", o => new KnnBaseline()),
        ("bpmf", o => new BayesianPmf(BayesianPmfOptions.From(o))),
        ("blend", o => new Blend(BlendOptions.From(o))),
    ];

    /// <summary>Every registered name, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>A fresh predictor; an unknown name is an <see cref="InvalidInputException"/> listing the known ones.</summary>
    public static IRatingPredictor Create(string name, CompletionOptions options) => Find(name, "").Create(options);

    /// <summary>The names a "--method" value stands for: every name for "all", else the one name (checked).</summary>
    public static IReadOnlyList<string> Resolve(string method) =>
        string.Equals(method, "all", StringComparison.OrdinalIgnoreCase) ? Names : [Find(method, " or all").Name];

    private static (string Name, Func<CompletionOptions, IRatingPredictor> Create) Find(string name, string alternatives)
    {
        foreach (var entry in Entries)
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase)) return entry;
        throw new InvalidInputException($"unknown method '{name}'; choose one of {string.Join(", ", Names)}{alternatives}");
    }
}
