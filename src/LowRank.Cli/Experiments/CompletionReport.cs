using System.Globalization;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.Reports;

namespace LowRank.Cli.Experiments;

/// <summary>The HTML report of <see cref="CompletionExperiment"/>: the rating-prediction table, the top-N table, a sample user's recommendations, a fold-in, the lecture example.</summary>
internal static class CompletionReport
{
    public static void Write(string dir, string source, RatingSet ratings, EvaluationProtocol protocol, IReadOnlyList<EvaluationResult> results,
        EvaluationProtocol topNProtocol, IReadOnlyList<EvaluationResult> topN, SampleRecommendations sample, FoldInExample foldIn, LectureRun lecture)
    {
        var report = new HtmlReport("Matrix completion for rating prediction and recommendation");
        report.AddSection("1. Rating prediction, every method on the same folds",
            $"Data: {source} — {ratings.Count:N0} ratings, {ratings.UserCount:N0} users × {ratings.ItemCount:N0} items. "
            + $"Protocol: {protocol.Describe()} Predictions clipped to the scale {ratings.Scale}. The right-hand columns are Surprise's "
            + "published 5-fold results on MovieLens 100k for the same algorithm, with Surprise's untuned defaults.");
        var rows = results.Select(r =>
        {
            var s = SurpriseReference.For(r.Method);
            double rmse = r.Rmse!.Value, sd = Math.Sqrt(r.Folds.Average(f => Math.Pow(f.Rmse!.Value - rmse, 2)));
            return (IReadOnlyList<string>)[r.Method, F(rmse) + " ± " + F(sd), F(r.Mae!.Value), F(r.Ndcg),
                protocol.Tune ? $"{Tables.TunedSettings(r)} (grid: {r.Folds[0].Tuning!.Grid})" : "defaults",
                Tables.Seconds(r.Seconds), s?.SurpriseName ?? "", s is null ? "" : F(s.Rmse), s is null ? "" : F(s.Mae)];
        }).ToList();
        foreach (var s in SurpriseReference.MovieLens100k.Where(e => results.All(r => r.Method != e.Method)))
            rows.Add(["", "", "", "", "", "", s.SurpriseName, F(s.Rmse), F(s.Mae)]);
        int n = results[0].TopN;
        report.AddTable(["method", "RMSE ± sd over folds", "MAE", $"NDCG@{n}", "setting (per fold)", "time (all folds)", "Surprise", "Surprise RMSE", "Surprise MAE"], rows,
            $"NDCG@{n} ranks every item the user did not rate in training; relevant = held-out rating ≥ {results[0].RelevanceThreshold:G4}. "
            + $"Reproduce: lowrank evaluate u.data --method all --folds {protocol.Folds} --seed {protocol.Seed}{(protocol.Tune ? " --tune" : "")}.");
        ReportFigures.Add(report, dir, "rmse-per-fold.png", path => Figures.LinesAgainstIndex(path, "RMSE per fold", "fold", "RMSE",
            results.Select(r => (r.Method, (IReadOnlyList<double>)r.Folds.Select(f => f.Rmse!.Value).ToArray())).ToArray(), logY: false),
            "Held-out RMSE of each method on each fold (the same folds for all).");
        ReportFigures.Add(report, dir, "mean-rmse.png", path => Figures.Bars(path, "Mean held-out RMSE by method", "RMSE (lower is better)",
            results.Select(r => r.Method).ToArray(),
            [("LowRank", results.Select(r => r.Rmse!.Value).ToArray()),
             ("Surprise, published (same algorithm)", results.Select(r => SurpriseReference.For(r.Method)?.Rmse ?? double.NaN).ToArray())],
            xMin: Math.Floor(results.Min(r => r.Rmse!.Value) * 20 - 1) / 20),
            "Mean RMSE over the folds, beside Surprise's published figure for the same algorithm where it has one (MovieLens 100k only).");

        int m = topN[0].TopN;
        var popularity = topN.FirstOrDefault(r => r.Method == "popularity");
        report.AddSection("2. Top-N recommendation over the whole catalogue",
            $"Protocol: {topNProtocol.Describe()} The rating predictors are fitted on all training ratings and rank by predicted rating; "
            + "popularity recommends the items with the most training interactions to everyone, the floor a personalised model must beat.");
        report.AddTable(["method", $"precision@{m}", $"recall@{m}", $"MAP@{m}", $"NDCG@{m}", $"hit rate@{m}", "catalogue coverage", "NDCG / popularity's", "time"],
            topN.OrderByDescending(r => r.Ndcg).Select(r => (IReadOnlyList<string>)[r.Method, F(r.Precision), F(r.Recall), F(r.Map), F(r.Ndcg), F(r.HitRate),
                Tables.Percent(r.Coverage), popularity is null ? "" : (r.Ndcg / popularity.Ndcg).ToString("0.00", CultureInfo.InvariantCulture) + "×", Tables.Seconds(r.Seconds)]).ToList(),
            $"Users ranked: {topN[0].Folds[0].TopN.Users:N0} (those with a relevant held-out item). Reproduce: lowrank evaluate u.data --implicit {topNProtocol.ImplicitThreshold:G4} "
            + $"--split random:{topNProtocol.Fraction:G4} --split-by user --seed {topNProtocol.Seed} --top {m}.");

        report.AddSection("3. Recommendations for a sample user",
            $"User {sample.User}: their best-rated items, and the top {sample.Recommended.Count} unrated items by {sample.Method} (the best rating predictor by NDCG in section 2), "
            + "fitted on all ratings; ranked by the unclipped prediction, shown clipped to the scale.");
        report.AddTable(["#", "rated highly", "rating", $"recommended by {sample.Method}", "predicted"],
            Enumerable.Range(0, Math.Max(sample.Liked.Count, sample.Recommended.Count)).Select(k => (IReadOnlyList<string>)[
                (k + 1).ToString(CultureInfo.InvariantCulture),
                k < sample.Liked.Count ? Label(sample.Liked[k]) : "", k < sample.Liked.Count ? sample.Liked[k].Rating.ToString("G4", CultureInfo.InvariantCulture) : "",
                k < sample.Recommended.Count ? Label(sample.Recommended[k]) : "", k < sample.Recommended.Count ? F(sample.Recommended[k].Rating) : ""]).ToList());

        report.AddSection("4. A new user without retraining (fold-in)",
            $"User {foldIn.User}'s {foldIn.Ratings} ratings were left out of training; als was fitted on everyone else and kept as a saved model, and the user "
            + $"was then folded in: one regularised least-squares solve against the fixed item factors, with the biases ({foldIn.Milliseconds:0.##} ms with the top-{foldIn.Recommended.Count}). "
            + $"{foldIn.Shared} of the {foldIn.Recommended.Count} items agree with an als model retrained with the user's ratings. "
            + "Reproduce: lowrank fit u.data --method als -o model.lrm; lowrank recommend --model model.lrm --ratings new_user.csv.");
        report.AddTable(["#", "folded in", "predicted", "retrained with the user", "predicted"],
            Enumerable.Range(0, Math.Max(foldIn.Recommended.Count, foldIn.Retrained.Count)).Select(k => (IReadOnlyList<string>)[
                (k + 1).ToString(CultureInfo.InvariantCulture),
                k < foldIn.Recommended.Count ? Label(foldIn.Recommended[k]) : "", k < foldIn.Recommended.Count ? F(foldIn.Recommended[k].Rating) : "",
                k < foldIn.Retrained.Count ? Label(foldIn.Retrained[k]) : "", k < foldIn.Retrained.Count ? F(foldIn.Retrained[k].Rating) : ""]).ToList());

        report.AddSection("5. The lecture's example",
            "Three viewers rate five movies; 7 of the 15 ratings are known: [[2, ?, 10, 5, ?], [?, 3, ?, ?, 2], [?, 1.5, ?, 1, ?]]. "
            + "The known entries form a spanning tree of the viewer–movie graph, so exactly one rank-1 matrix agrees with them: "
            + "[[2, 7.5, 10, 5, 5], [0.8, 3, 4, 2, 2], [0.4, 1.5, 2, 1, 1]].");
        report.AddTable(["method", "completed table", "max |error|"],
        [
            ["mean-svd (global mean fill, one rank-1 SVD; known ratings kept)", Tables.MatrixText(lecture.MeanSvd, "0.##"), lecture.MeanSvdError.ToString("G3", CultureInfo.InvariantCulture)],
            [$"hard-impute (rank 1, {lecture.Trace.Iterations:N0} iterations)", Tables.MatrixText(lecture.HardImpute, "0.##"), lecture.HardImputeError.ToString("G3", CultureInfo.InvariantCulture)],
        ]);
        ReportFigures.Add(report, dir, "lecture-convergence.png", lecture.DrawConvergence,
            $"Hard-impute converges linearly: each iteration shrinks the change by a constant factor, so from a mean fill it needs {lecture.Trace.Iterations:N0} "
            + $"iterations to reach 10⁻¹⁰; extrapolating the fill with heavy-ball momentum (lowrank complete --momentum 0.8) needs {lecture.MomentumTrace.Iterations:N0}.");
        var hard = results.FirstOrDefault(r => r.Method == "hard-impute")?.Folds[0].Trace;
        if (hard is not null)
        {
            var defaults = HardImputeOptions.RatingPrediction; // the settings the experiment ran with
            ReportFigures.Add(report, dir, "hard-impute-ratings.png", path => Figures.LinesAgainstIndex(path, "hard-impute on the ratings (fold 1)",
                "iteration", "relative change", [($"rank {defaults.Rank}", hard.RelativeChanges)], logY: true),
                $"On ratings, hard-impute is stopped after at most {defaults.MaxIterations:N0} iterations (here {hard.Iterations:N0}): "
                + "fitting the training ratings more closely raises the held-out error.");
        }
        report.Save(Path.Combine(dir, "index.html"));
    }

    private static string Label(SampleRecommendations.Line line) => line.Title is null ? $"item {line.Item}" : $"{line.Title} ({line.Item})";

    private static string F(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);
}
