using System.Diagnostics;

namespace LowRank.Completion.Evaluation;

/// <summary>
/// k-fold cross-validation of a rating predictor, as Surprise's <c>cross_validate</c>: for each fold of
/// <see cref="KFold"/>, fit on the other folds, predict the held-out ratings (clipped to the scale), and score them.
/// </summary>
public static class CrossValidation
{
    /// <summary>The default relevance threshold of a scale: three quarters of the way up (4 on 1–5).</summary>
    public static double DefaultThreshold(RatingScale scale) => scale.Min + 0.75 * (scale.Max - scale.Min);

    /// <summary>
    /// Evaluates <paramref name="create"/>() (a fresh predictor per fold) on <paramref name="folds"/> (from
    /// <see cref="KFold.Split"/>); <paramref name="progress"/> is told each finished fold.
    /// </summary>
    public static CrossValidationResult Run(Func<IRatingPredictor> create, RatingSet ratings, int[][] folds, int topN,
        double? threshold = null, Action<FoldResult>? progress = null, CancellationToken cancellationToken = default)
    {
        double relevance = threshold ?? DefaultThreshold(ratings.Scale);
        var results = new List<FoldResult>();
        string name = "";
        for (int f = 0; f < folds.Length; f++)
        {
            var test = ratings.Subset(folds[f]);
            var train = ratings.Subset(KFold.Complement(ratings.Count, folds[f]));
            var predictor = create();
            name = predictor.Name;
            var clock = Stopwatch.StartNew();
            predictor.Fit(train, cancellationToken);
            double fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var predicted = new double[test.Count];
            for (int e = 0; e < test.Count; e++) predicted[e] = predictor.Predict(test.Users[e], test.Items[e]);
            var ranking = RankingMetrics.Compute(test.Users, test.Items, test.Values, predicted, topN, relevance);
            var fold = new FoldResult(f + 1, train.Count, test.Count, AccuracyMetrics.Rmse(test.Values, predicted),
                AccuracyMetrics.Mae(test.Values, predicted), ranking, fitSeconds, clock.Elapsed.TotalSeconds,
                (predictor as IIterativePredictor)?.Trace);
            results.Add(fold);
            progress?.Invoke(fold);
        }
        return new CrossValidationResult(name, results, topN, relevance);
    }
}
