namespace LowRank.Completion.Evaluation;

/// <summary>A method's cross-validation: every fold and the means over folds.</summary>
public sealed record CrossValidationResult(string Method, IReadOnlyList<FoldResult> Folds, int TopN, double RelevanceThreshold)
{
    public double Rmse => Folds.Average(f => f.Rmse);

    public double Mae => Folds.Average(f => f.Mae);

    public double Precision => Folds.Average(f => f.Ranking.Precision);

    public double Recall => Folds.Average(f => f.Ranking.Recall);

    public double Ndcg => Folds.Average(f => f.Ranking.Ndcg);

    /// <summary>Fit and test time over all folds.</summary>
    public double Seconds => Folds.Sum(f => f.FitSeconds + f.TestSeconds);
}
