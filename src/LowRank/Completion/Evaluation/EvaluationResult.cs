namespace LowRank.Completion.Evaluation;

/// <summary>A method's evaluation: every training/test pair (fold) and the means over them.</summary>
public sealed record EvaluationResult(string Method, IReadOnlyList<FoldResult> Folds, int TopN, double RelevanceThreshold)
{
    /// <summary>Mean RMSE; null when not scored (a ranking-only model, implicit mode).</summary>
    public double? Rmse => Folds[0].Rmse is null ? null : Folds.Average(f => f.Rmse!.Value);

    public double? Mae => Folds[0].Mae is null ? null : Folds.Average(f => f.Mae!.Value);

    public double Precision => Folds.Average(f => f.TopN.Precision);

    public double Recall => Folds.Average(f => f.TopN.Recall);

    public double Map => Folds.Average(f => f.TopN.Map);

    public double Ndcg => Folds.Average(f => f.TopN.Ndcg);

    public double HitRate => Folds.Average(f => f.TopN.HitRate);

    public double Coverage => Folds.Average(f => f.TopN.Coverage);

    /// <summary>Tuning, fit and test time over all folds.</summary>
    public double Seconds => Folds.Sum(f => f.TuneSeconds + f.FitSeconds + f.TestSeconds);
}
