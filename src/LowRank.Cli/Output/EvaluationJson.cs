using LowRank.Completion.Evaluation;

namespace LowRank.Cli.Output;

/// <summary>
/// The JSON shape of an evaluation (docs/architecture.md §3: method, rmse, mae, rmse_per_fold, seconds), with the top-N
/// scores over the whole catalogue, the tuning outcome per fold, and the protocol.
/// </summary>
internal static class EvaluationJson
{
    /// <summary>The protocol: its fields and the sentence the tables print.</summary>
    public static object Protocol(EvaluationProtocol p) => new
    {
        Split = p.Split switch { SplitKind.KFold => "kfold", SplitKind.Random => "random", SplitKind.Temporal => "time", _ => "test-file" },
        Folds = p.Split == SplitKind.KFold ? p.Folds : (int?)null,
        Fraction = p.Split is SplitKind.Random or SplitKind.Temporal ? p.Fraction : (double?)null,
        SplitBy = p.Split is SplitKind.Random or SplitKind.Temporal ? (p.By == SplitGrouping.PerUser ? "user" : "global") : null,
        TestFile = p.GivenTest,
        p.Seed,
        p.Tune,
        ValidationFraction = p.Tune ? EvaluationProtocol.ValidationFraction : (double?)null,
        p.TopN,
        Implicit = p.ImplicitThreshold,
        Text = p.Describe(),
    };

    /// <summary>One method's result; <paramref name="protocol"/> is included when this is the whole report.</summary>
    public static object Method(EvaluationResult r, EvaluationProtocol? protocol = null) => new
    {
        r.Method,
        r.Rmse,
        r.Mae,
        RmsePerFold = r.Rmse is null ? null : r.Folds.Select(f => f.Rmse).ToArray(),
        MaePerFold = r.Mae is null ? null : r.Folds.Select(f => f.Mae).ToArray(),
        r.TopN,
        r.RelevanceThreshold,
        PrecisionAtN = r.Precision,
        RecallAtN = r.Recall,
        MapAtN = r.Map,
        NdcgAtN = r.Ndcg,
        HitRateAtN = r.HitRate,
        r.Coverage,
        PrecisionPerFold = r.Folds.Select(f => f.TopN.Precision).ToArray(),
        RecallPerFold = r.Folds.Select(f => f.TopN.Recall).ToArray(),
        NdcgPerFold = r.Folds.Select(f => f.TopN.Ndcg).ToArray(),
        RankedUsersPerFold = r.Folds.Select(f => f.TopN.Users).ToArray(),
        TestRatingsPerFold = r.Folds.Select(f => f.TestCount).ToArray(),
        ColdStartPerFold = r.Folds.Select(f => f.ColdStart).ToArray(),
        FitSecondsPerFold = r.Folds.Select(f => f.FitSeconds).ToArray(),
        TestSecondsPerFold = r.Folds.Select(f => f.TestSeconds).ToArray(),
        IterationsPerFold = r.Folds.All(f => f.Trace is null) ? null : r.Folds.Select(f => f.Trace?.Iterations ?? 0).ToArray(),
        ConvergedPerFold = r.Folds.All(f => f.Trace is null) ? null : r.Folds.Select(f => f.Trace?.Converged ?? false).ToArray(),
        TuningPerFold = r.Folds.All(f => f.Tuning is null) ? null : r.Folds.Select(f => f.Tuning is not { } t ? null : new
        {
            t.Grid,
            t.Criterion,
            Chosen = t.Chosen.Label,
            Trials = t.Trials.Select(x => new { Setting = x.Label, x.Score }).ToArray(),
        }).ToArray(),
        r.Seconds,
        Surprise = SurpriseReference.For(r.Method) is { } s ? new { Algorithm = s.SurpriseName, s.Rmse, s.Mae } : null,
        Protocol = protocol is null ? null : Protocol(protocol),
    };
}
