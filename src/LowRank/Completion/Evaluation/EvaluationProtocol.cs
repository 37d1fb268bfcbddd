using System.Globalization;

namespace LowRank.Completion.Evaluation;

/// <summary>
/// How methods are evaluated: the split (k-fold, a random or temporal hold-out per user or global, or a given test
/// set), the seed, whether each method is tuned on a validation split of the training part, and what counts as
/// relevant for top-N. The defaults are those of <c>lowrank evaluate</c>; <see cref="Describe"/> is the sentence every
/// report carries.
/// </summary>
public sealed record EvaluationProtocol
{
    /// <summary>Share of each training part held out for validation when tuning.</summary>
    public const double ValidationFraction = 0.1;

    public SplitKind Split { get; init; } = SplitKind.KFold;

    /// <summary>k of k-fold.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Test share of a hold-out, in (0, 1).</summary>
    public double Fraction { get; init; } = 0.2;

    /// <summary>
    /// Per user by default: every tested user then has training ratings, so each user's top-N list is scored against
    /// their own future or hidden items (the protocol of the top-N literature), and a temporal split does not lose the
    /// users whose ratings all fall before a global cut-off.
    /// </summary>
    public SplitGrouping By { get; init; } = SplitGrouping.PerUser;

    /// <summary>Seed of the folds, hold-outs and validation splits (and of every method).</summary>
    public int Seed { get; init; }

    /// <summary>Describes a <see cref="SplitKind.Given"/> test set (e.g. its file name).</summary>
    public string? GivenTest { get; init; }

    /// <summary>Whether each method is tuned over <see cref="TuningGrid"/> on a validation split of each training part.</summary>
    public bool Tune { get; init; }

    /// <summary>N of the top-N metrics.</summary>
    public int TopN { get; init; } = 10;

    /// <summary>Relevance threshold of explicit ratings; null: <see cref="MethodEvaluation.DefaultThreshold"/> of the scale.</summary>
    public double? Threshold { get; init; }

    /// <summary>
    /// Implicit mode: training ratings ≥ this become interactions, only top-N is scored, relevance = held-out ratings ≥ this.
    /// </summary>
    public double? ImplicitThreshold { get; init; }

    /// <summary>The relevance threshold in force on <paramref name="scale"/>.</summary>
    public double RelevanceThreshold(RatingScale scale) => ImplicitThreshold ?? Threshold ?? MethodEvaluation.DefaultThreshold(scale);

    /// <summary>The training/test parts of <paramref name="ratings"/> (timestamps, one per entry, needed by a temporal split).</summary>
    public IReadOnlyList<EvaluationSplit> Splits(RatingSet ratings, long[]? timestamps)
    {
        if (Split == SplitKind.Given) throw new InvalidOperationException("a given test set is split by the caller");
        if (Split == SplitKind.Temporal && timestamps is null)
            throw new InvalidInputException("a temporal split needs a timestamp on every rating");
        if (Split == SplitKind.KFold)
            return KFold.Split(ratings.Count, Folds, Seed)
                .Select(test => Make(ratings, timestamps, new TrainTestSplit(KFold.Complement(ratings.Count, test), test))).ToArray();
        var split = Split == SplitKind.Temporal ? HoldOut.Temporal(ratings, timestamps, Fraction, By) : HoldOut.Random(ratings, Fraction, By, Seed);
        if (split.Test.Length == 0) throw new InvalidInputException($"a {Percent(Fraction)} hold-out of {ratings.Count} ratings leaves no test rating");
        return [Make(ratings, timestamps, split)];
    }

    /// <summary>The validation split carved from a training part: the same kind of hold-out (temporal when the protocol is), 10 %.</summary>
    public EvaluationSplit Validation(EvaluationSplit outer)
    {
        var train = outer.Train;
        var split = Split == SplitKind.Temporal && outer.TrainTimestamps is not null
            ? HoldOut.Temporal(train, outer.TrainTimestamps, ValidationFraction, By)
            : HoldOut.Random(train, ValidationFraction, By, Seed + 1);
        return Make(train, outer.TrainTimestamps, split);
    }

    /// <summary>The protocol in one paragraph, for every report (table and JSON).</summary>
    public string Describe()
    {
        string split = Split switch
        {
            SplitKind.KFold => $"{Folds}-fold cross-validation (shuffled, seed {Seed})",
            SplitKind.Random => $"random hold-out of {Percent(Fraction)} {Grouping()} (seed {Seed})",
            SplitKind.Temporal => $"temporal hold-out: the latest {Percent(Fraction)} {Grouping()} are tested",
            _ => $"training on all given ratings, testing on {GivenTest ?? "a separate test set"} (cold-start test ratings predicted by the baseline)",
        };
        string validation = Split == SplitKind.Temporal ? $"the latest {Percent(ValidationFraction)} {Grouping()}" : $"a random {Percent(ValidationFraction)} {Grouping()} (seed {Seed + 1})";
        string tuning = Tune
            ? $"tuning: each method's documented grid is searched on a validation split carved from each training part only ({validation}), "
              + $"best by validation {(ImplicitThreshold is null ? "RMSE" : $"NDCG@{TopN}")}, then refitted on the whole training part; the test part is never seen"
            : "tuning: none, each method runs with its defaults fixed before the run";
        string topN = ImplicitThreshold is double t
            ? $"implicit: training ratings ≥ {N(t)} are interactions; top-{TopN} over all items without a training interaction, relevant = held-out rating ≥ {N(t)}"
            : $"top-{TopN} over all items the user did not rate in training, relevant = held-out rating ≥ {(Threshold is double r ? N(r) : "¾ of the scale")}";
        return $"{split}; {tuning}; {topN}.";
    }

    private string Grouping() => By == SplitGrouping.PerUser ? "of each user's ratings" : "of all ratings";

    private static EvaluationSplit Make(RatingSet ratings, long[]? timestamps, TrainTestSplit split) =>
        new(ratings.Subset(split.Train), ratings.Subset(split.Test), timestamps is null ? null : split.Train.Select(e => timestamps[e]).ToArray());

    private static string Percent(double f) => (100 * f).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string N(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
