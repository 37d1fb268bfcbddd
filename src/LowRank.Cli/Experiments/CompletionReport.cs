using System.Globalization;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.Reports;

namespace LowRank.Cli.Experiments;

/// <summary>The HTML report of <see cref="CompletionExperiment"/>: the comparison table, the figures, the lecture example.</summary>
internal static class CompletionReport
{
    public static void Write(string dir, string source, RatingSet ratings, int folds, int seed,
        IReadOnlyList<CrossValidationResult> results, LectureRun lecture)
    {
        var report = new HtmlReport("Matrix completion for rating prediction");
        report.AddSection("1. Rating prediction, every method on the same folds",
            $"Data: {source} — {ratings.Count:N0} ratings, {ratings.UserCount:N0} users × {ratings.ItemCount:N0} items. "
            + $"{folds}-fold cross-validation (seed {seed}), every method on the same folds, predictions clipped to the scale "
            + $"{ratings.Scale}. The right-hand columns are Surprise's published 5-fold results on MovieLens 100k for the same algorithm.");
        var rows = results.Select(r =>
        {
            var s = SurpriseReference.For(r.Method);
            double sd = Math.Sqrt(r.Folds.Average(f => Math.Pow(f.Rmse - r.Rmse, 2)));
            return (IReadOnlyList<string>)[r.Method, F(r.Rmse) + " ± " + F(sd), F(r.Mae), F(r.Precision), F(r.Recall), F(r.Ndcg),
                Tables.Seconds(r.Seconds), s?.SurpriseName ?? "", s is null ? "" : F(s.Rmse), s is null ? "" : F(s.Mae)];
        }).ToList();
        foreach (var s in SurpriseReference.MovieLens100k.Where(e => results.All(r => r.Method != e.Method)))
            rows.Add(["", "", "", "", "", "", "", s.SurpriseName, F(s.Rmse), F(s.Mae)]);
        int n = results[0].TopN;
        report.AddTable(["method", "RMSE ± sd over folds", "MAE", $"precision@{n}", $"recall@{n}", $"NDCG@{n}", "time (all folds)", "Surprise", "Surprise RMSE", "Surprise MAE"], rows,
            $"Relevant = held-out rating ≥ {results[0].RelevanceThreshold:G4}; precision/recall as in Surprise's FAQ, NDCG with binary gains over each user's held-out items. "
            + $"Reproduce: lowrank experiment completion --out DIR (or lowrank evaluate u.data --method all --folds {folds} --seed {seed}).");
        ReportFigures.Add(report, dir, "rmse-per-fold.png", path => Figures.LinesAgainstIndex(path, "RMSE per fold", "fold", "RMSE",
            results.Select(r => (r.Method, (IReadOnlyList<double>)r.Folds.Select(f => f.Rmse).ToArray())).ToArray(), logY: false),
            "Held-out RMSE of each method on each fold (the same folds for all).");
        ReportFigures.Add(report, dir, "mean-rmse.png", path => Figures.Bars(path, "Mean held-out RMSE by method", "RMSE (lower is better)",
            results.Select(r => r.Method).ToArray(),
            [("LowRank", results.Select(r => r.Rmse).ToArray()),
             ("Surprise, published (same algorithm)", results.Select(r => SurpriseReference.For(r.Method)?.Rmse ?? double.NaN).ToArray())],
            xMin: Math.Floor(results.Min(r => r.Rmse) * 20 - 1) / 20),
            "Mean RMSE over the folds, beside Surprise's published figure for the same algorithm where it has one (MovieLens 100k only).");

        report.AddSection("2. The lecture's example",
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

    private static string F(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);
}
