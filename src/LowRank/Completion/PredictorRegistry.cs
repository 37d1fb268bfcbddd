using LowRank.Completion.Advanced;

namespace LowRank.Completion;

/// <summary>
/// The rating predictors by command-line name, each built from the shared <see cref="CompletionOptions"/>.
/// Adding a method is one line in <see cref="Entries"/>: its name and a factory from the shared options.
/// The order is the order of <c>--method all</c> and of every comparison table.
/// </summary>
public static class PredictorRegistry
{
    private static readonly (string Name, Func<CompletionOptions, IRatingPredictor> Create, bool Exact)[] Entries =
    [
        ("baseline", o => new BaselinePredictor(BaselineOptions.From(o)), false),
        ("mean-svd", o => new MeanSvdPredictor(MeanSvdOptions.From(o)), true),
        ("hard-impute", o => new HardImputePredictor(HardImputeOptions.From(o)), true),
        ("soft-impute", o => new SoftImputePredictor(SoftImputeOptions.From(o)), true),
        ("als", o => new AlsPredictor(AlsOptions.From(o)), true),
        ("sgd", o => new SgdPredictor(SgdOptions.From(o)), false),
        ("svdpp", o => new SvdPlusPlus(SvdPlusPlusOptions.From(o)), false),
        ("knn-baseline", o => new KnnBaseline(), false),
        ("bpmf", o => new BayesianPmf(BayesianPmfOptions.From(o)), false),
        ("blend", o => new Blend(BlendOptions.From(o)), false),
    ];

    /// <summary>Every registered name, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>
    /// A fresh predictor; an unknown name, or <see cref="CompletionOptions.Exact"/> for a method without an exact-completion
    /// setting, is an <see cref="InvalidInputException"/>.
    /// </summary>
    public static IRatingPredictor Create(string name, CompletionOptions options)
    {
        var entry = Find(name, "");
        if (options.Exact && !entry.Exact)
            throw new InvalidInputException($"{entry.Name} has no exact-completion setting; use one of {string.Join(", ", Entries.Where(e => e.Exact).Select(e => e.Name))}");
        return entry.Create(options);
    }

    /// <summary>The names a "--method" value stands for: every name for "all", else the one name (checked).</summary>
    public static IReadOnlyList<string> Resolve(string method) =>
        string.Equals(method, "all", StringComparison.OrdinalIgnoreCase) ? Names : [Find(method, " or all").Name];

    private static (string Name, Func<CompletionOptions, IRatingPredictor> Create, bool Exact) Find(string name, string alternatives)
    {
        foreach (var entry in Entries)
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase)) return entry;
        throw new InvalidInputException($"unknown method '{name}'; choose one of {string.Join(", ", Names)}{alternatives}");
    }
}
