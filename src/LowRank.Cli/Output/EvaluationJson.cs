using LowRank.Completion.Evaluation;

namespace LowRank.Cli.Output;

/// <summary>The JSON shape of a cross-validation result (docs/architecture.md §3: method, rmse, mae, rmse_per_fold, seconds).</summary>
internal static class EvaluationJson
{
    public static object Method(CrossValidationResult r) => new
    {
        r.Method,
        r.Rmse,
        r.Mae,
        RmsePerFold = r.Folds.Select(f => f.Rmse).ToArray(),
        MaePerFold = r.Folds.Select(f => f.Mae).ToArray(),
        r.TopN,
        r.RelevanceThreshold,
        PrecisionAtN = r.Precision,
        RecallAtN = r.Recall,
        NdcgAtN = r.Ndcg,
        PrecisionPerFold = r.Folds.Select(f => f.Ranking.Precision).ToArray(),
        RecallPerFold = r.Folds.Select(f => f.Ranking.Recall).ToArray(),
        NdcgPerFold = r.Folds.Select(f => f.Ranking.Ndcg).ToArray(),
        FitSecondsPerFold = r.Folds.Select(f => f.FitSeconds).ToArray(),
        TestSecondsPerFold = r.Folds.Select(f => f.TestSeconds).ToArray(),
        IterationsPerFold = r.Folds.All(f => f.Trace is null) ? null : r.Folds.Select(f => f.Trace?.Iterations ?? 0).ToArray(),
        ConvergedPerFold = r.Folds.All(f => f.Trace is null) ? null : r.Folds.Select(f => f.Trace?.Converged ?? false).ToArray(),
        r.Seconds,
        Surprise = SurpriseReference.For(r.Method) is { } s ? new { Algorithm = s.SurpriseName, s.Rmse, s.Mae } : null,
    };
}
