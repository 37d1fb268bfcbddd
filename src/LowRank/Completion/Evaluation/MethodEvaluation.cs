using System.Diagnostics;

namespace LowRank.Completion.Evaluation;

/// <summary>
/// Evaluates one method under an <see cref="EvaluationProtocol"/>, as Surprise's <c>cross_validate</c> generalised to any
/// split: for each training/test pair, optionally tune on a validation split carved from the training part only
/// (<see cref="TuningGrid"/>; nested inside k-fold when k-fold is the protocol), fit on the whole training part, then
/// score the test part — RMSE and MAE of the clipped predictions for a rating predictor in explicit mode, and top-N over
/// the whole catalogue (<see cref="TopNMetrics"/>) for every model.
/// </summary>
public static class MethodEvaluation
{
    /// <summary>The default relevance threshold of a scale: three quarters of the way up (4 on 1–5).</summary>
    public static double DefaultThreshold(RatingScale scale) => scale.Min + 0.75 * (scale.Max - scale.Min);

    /// <summary>
    /// Evaluates <paramref name="method"/> (a name of <see cref="ItemScorerRegistry"/>) built from <paramref name="options"/>
    /// on <paramref name="splits"/>; <paramref name="progress"/> is told each finished split.
    /// </summary>
    public static EvaluationResult Run(string method, EvaluationProtocol protocol, CompletionOptions options,
        IReadOnlyList<EvaluationSplit> splits, Action<FoldResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new List<FoldResult>();
        double relevance = protocol.RelevanceThreshold(splits[0].Train.Scale);
        for (int f = 0; f < splits.Count; f++)
        {
            var split = splits[f];
            var clock = Stopwatch.StartNew();
            var tuning = protocol.Tune ? Tune(method, protocol, options, split, cancellationToken) : null;
            double tuneSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var model = Fit(method, protocol, tuning?.Chosen.Options ?? options, split.Train, cancellationToken);
            double fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var (rmse, mae) = Accuracy(model, protocol, split.Test);
            var topN = TopNMetrics.Compute(model, Seen(protocol, split.Train), split.Test, protocol.TopN, relevance, cancellationToken);
            var fold = new FoldResult(f + 1, split.Train.Count, split.Test.Count, ColdStart(split), rmse, mae, topN,
                fitSeconds, clock.Elapsed.TotalSeconds, tuneSeconds, (model as IIterativePredictor)?.Trace, tuning);
            results.Add(fold);
            progress?.Invoke(fold);
        }
        return new EvaluationResult(method, results, protocol.TopN, relevance);
    }

    /// <summary>
    /// Searches the method's grid on a validation split of <paramref name="split"/>'s training part (the test part is not
    /// looked at) and returns the best setting by validation RMSE, or NDCG@N in implicit mode.
    /// </summary>
    public static TuningResult Tune(string method, EvaluationProtocol protocol, CompletionOptions options, EvaluationSplit split,
        CancellationToken cancellationToken = default)
    {
        var points = TuningGrid.Points(method, options);
        bool byRmse = protocol.ImplicitThreshold is null && ItemScorerRegistry.IsRatingPredictor(method);
        string criterion = byRmse ? "validation RMSE" : $"validation NDCG@{protocol.TopN}";
        string grid = TuningGrid.Describe(method, options);
        if (points.Count == 1) return new TuningResult(grid, criterion, [], points[0]);
        var validation = protocol.Validation(split);
        double relevance = protocol.RelevanceThreshold(split.Train.Scale);
        var trials = new List<(string Label, double Score)>();
        foreach (var point in points)
        {
            var model = Fit(method, protocol, point.Options, validation.Train, cancellationToken);
            double score = byRmse
                ? Accuracy(model, protocol, validation.Test).Rmse!.Value
                : TopNMetrics.Compute(model, Seen(protocol, validation.Train), validation.Test, protocol.TopN, relevance, cancellationToken).Ndcg;
            trials.Add((point.Label, score));
        }
        int best = 0;
        for (int t = 1; t < trials.Count; t++)
            if (byRmse ? trials[t].Score < trials[best].Score : trials[t].Score > trials[best].Score) best = t;
        return new TuningResult(grid, criterion, trials, points[best]);
    }

    private static IItemScorer Fit(string method, EvaluationProtocol protocol, CompletionOptions options, RatingSet train, CancellationToken cancellationToken) =>
        ItemScorerRegistry.Fit(method, new ScorerTraining(train, ScorerTraining.ToInteractions(train, protocol.ImplicitThreshold), options, cancellationToken));

    /// <summary>The training interactions excluded from each user's ranking: every training rating, or in implicit mode those ≥ the threshold.</summary>
    private static RatingSet Seen(EvaluationProtocol protocol, RatingSet train) =>
        protocol.ImplicitThreshold is null ? train : ScorerTraining.ToInteractions(train, protocol.ImplicitThreshold);

    /// <summary>RMSE and MAE of the clipped predictions; none for a model that does not predict ratings, or in implicit mode.</summary>
    private static (double? Rmse, double? Mae) Accuracy(IItemScorer model, EvaluationProtocol protocol, RatingSet test)
    {
        if (model is not IRatingPredictor predictor || protocol.ImplicitThreshold is not null) return (null, null);
        var predicted = new double[test.Count];
        for (int e = 0; e < test.Count; e++) predicted[e] = predictor.Predict(test.Users[e], test.Items[e]);
        return (AccuracyMetrics.Rmse(test.Values, predicted), AccuracyMetrics.Mae(test.Values, predicted));
    }

    /// <summary>Test ratings whose user or item has no training rating.</summary>
    private static int ColdStart(EvaluationSplit split)
    {
        int cold = 0;
        for (int e = 0; e < split.Test.Count; e++)
            if (split.Train.EntriesOfUser(split.Test.Users[e]).Length == 0 || split.Train.EntriesOfItem(split.Test.Items[e]).Length == 0) cold++;
        return cold;
    }
}
