using System.CommandLine;
using System.Globalization;
using LowRank.Completion.Evaluation;

namespace LowRank.Cli.Commands;

/// <summary>
/// The evaluation-protocol options of <c>evaluate</c>, read into one <see cref="EvaluationProtocol"/>: k-fold
/// (<c>--folds</c>, the default), a hold-out (<c>--split random:F | time:F</c>, <c>--split-by user|global</c>) or a test
/// file (<c>--test FILE</c>), tuning (<c>--tune</c>), top-N (<c>--top</c>) and implicit mode (<c>--implicit T</c>).
/// </summary>
internal sealed class ProtocolFlags
{
    private readonly Option<int> _folds = Flags.Folds();
    private readonly Option<string?> _split = new("--split") { Description = "Hold-out instead of k-fold: random:F (a random fraction F) or time:F (the latest F by timestamp, 4th column)" };
    private readonly Option<string> _by = new("--split-by")
    {
        Description = "Hold out per user (each user's own ratings; default: every tested user keeps training data) or global (over all ratings)",
        DefaultValueFactory = _ => "user",
    };
    private readonly Option<string?> _test = new("--test") { Description = "Test on this ratings file, training on the whole RATINGS file (unseen users/items are counted as cold-start)" };
    private readonly Option<bool> _tune = new("--tune") { Description = "Tune each method over a small grid on a validation split of each training part (never the test part), then refit" };
    private readonly Option<int> _top = Flags.Top("N of precision, recall, MAP, NDCG and hit rate @N over all unseen items");
    private readonly Option<double?> _implicit = new("--implicit") { Description = "Implicit feedback: training ratings ≥ T become interactions; top-N only, relevant = held-out rating ≥ T" };

    public Option<string?> Test => _test;

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { _folds, _split, _by, _test, _tune, _top, _implicit }) command.Options.Add(o);
    }

    public EvaluationProtocol Read(ParseResult parsed, int seed)
    {
        string? split = parsed.GetValue(_split), test = parsed.GetValue(_test);
        if (split is not null && test is not null) throw new InvalidInputException("give either --split or --test, not both");
        var by = parsed.GetValue(_by)!.ToLowerInvariant() switch
        {
            "user" => SplitGrouping.PerUser,
            "global" => SplitGrouping.Global,
            var other => throw new InvalidInputException($"--split-by must be user or global, not '{other}'"),
        };
        double? threshold = parsed.GetValue(_implicit);
        if (threshold is double t && !double.IsFinite(t)) throw new InvalidInputException($"--implicit must be a finite rating, not {t}");
        var protocol = new EvaluationProtocol
        {
            Folds = parsed.GetValue(_folds),
            By = by,
            Seed = seed,
            Tune = parsed.GetValue(_tune),
            TopN = Flags.ReadTop(parsed, _top),
            ImplicitThreshold = threshold,
        };
        if (test is not null) return protocol with { Split = SplitKind.Given, GivenTest = test };
        if (split is null) return protocol;
        var parts = split.Split(':');
        var kind = parts[0].ToLowerInvariant() switch
        {
            "random" => SplitKind.Random,
            "time" => SplitKind.Temporal,
            _ => throw new InvalidInputException($"--split must be random:F or time:F (e.g. random:0.2), not '{split}'"),
        };
        if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction))
            throw new InvalidInputException($"--split must be random:F or time:F (e.g. random:0.2), not '{split}'");
        if (!(fraction > 0 && fraction < 1)) throw new InvalidInputException($"--split fraction must lie in (0, 1), not {parts[1]}");
        return protocol with { Split = kind, Fraction = fraction };
    }
}
