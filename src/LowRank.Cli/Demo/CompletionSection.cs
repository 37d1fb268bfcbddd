using System.Globalization;
using LowRank.Cli.Experiments;
using LowRank.Cli.Output;
using LowRank.Completion;
using LowRank.Completion.Evaluation;
using LowRank.Linalg;

namespace LowRank.Cli.Demo;

/// <summary>
/// Demo section: matrix completion — the lecture's 3×5 ratings table completed by mean-svd and by rank-1 hard-impute,
/// with each viewer's recommendation, then every registered method on a synthetic low-rank ratings set (rating prediction
/// under a stated protocol, top-N over the whole catalogue beside the popularity floor, a sample user's recommendations, and a
/// new user folded into a fitted model without retraining).
/// </summary>
internal sealed class CompletionSection : IDemoSection
{
    public string Key => "completion";

    public string Title => "matrix completion";

    public object Run(DemoContext context)
    {
        context.Report.AddSection("Matrix completion and recommendation",
            "A ratings table with missing entries is completed by a low-rank matrix that agrees with the known ratings; a viewer is "
            + "recommended the unrated movie with the highest completed rating. `lowrank complete` fills a matrix file, "
            + "`lowrank evaluate` cross-validates the methods on a ratings file and `lowrank recommend` lists a user's top items.");
        var lecture = Lecture(context);
        var synthetic = Synthetic(context);
        return new { Lecture = lecture, Synthetic = synthetic };
    }

    private static object Lecture(DemoContext context)
    {
        var run = LectureRun.Run();
        var viewers = new List<IReadOnlyList<string>>();
        int[] meanPick = LectureRun.Recommendations(run.MeanSvd), hardPick = LectureRun.Recommendations(run.HardImpute);
        for (int i = 0; i < run.MeanSvd.Rows; i++)
            viewers.Add([$"viewer {i + 1}", Row(LectureExample.Ratings, i), Row(run.MeanSvd, i), $"movie {meanPick[i]}", Row(run.HardImpute, i), $"movie {hardPick[i]}"]);
        context.Report.AddParagraph(
            "The lecture's table: 7 of 15 ratings known. mean-svd fills the gaps with the global mean and truncates to rank 1 once; " +
            $"hard-impute repeats fill → rank-1 SVD → restore the known ratings ({run.Trace.Iterations:N0} iterations to a relative change of 10⁻¹⁰) " +
            $"and reaches the unique rank-1 completion [[2, 7.5, 10, 5, 5], [0.8, 3, 4, 2, 2], [0.4, 1.5, 2, 1, 1]] (max error {F(run.HardImputeError)}; mean-svd: {F(run.MeanSvdError)}).");
        context.Report.AddTable(["", "known ratings", "mean-svd (rank 1)", "recommend", "hard-impute (rank 1)", "recommend"], viewers,
            "lowrank complete lecture.csv --exact --rank 1 --method mean-svd --fill global | --method hard-impute.");
        context.AddFigure("completion-lecture-convergence.png", run.DrawConvergence, $"Linear convergence: the change shrinks by a constant factor per iteration; heavy-ball momentum on the fill "
            + $"cuts {run.Trace.Iterations:N0} iterations to {run.MomentumTrace.Iterations:N0}.");
        context.Headline = $"the lecture's table completed at rank 1 to {F(run.HardImputeError)} (hard-impute)";
        return run.Summary();
    }

    private static object Synthetic(DemoContext context)
    {
        var ratings = SyntheticRatings.Generate(300, 400, rank: 3, density: 0.2, noise: 0.3, seed: 7);
        var options = new CompletionOptions { Rank = 3, Epochs = 100 };
        var protocol = new EvaluationProtocol { Folds = 3 };
        var splits = protocol.Splits(ratings, null);
        var results = PredictorRegistry.Names.Select(name => MethodEvaluation.Run(name, protocol, options, splits, cancellationToken: context.Cancellation)).ToList();
        context.Report.AddParagraph(
            $"A synthetic ratings set: 300 users × 400 items, {ratings.Count:N0} ratings (20 %) on a 1–5 scale from a rank-3 model with user and "
            + $"item biases and noise of standard deviation 0.3. Each method at rank 3 (100 epochs for the sweeping methods). Protocol: {protocol.Describe()}");
        context.Report.AddTable(["method", "RMSE", "MAE", "NDCG@10", "time"],
            results.Select(r => (IReadOnlyList<string>)[r.Method, F(r.Rmse!.Value), F(r.Mae!.Value), F(r.Ndcg), Tables.Seconds(r.Seconds)]).ToList(),
            "lowrank evaluate RATINGS --method all --rank 3 --epochs 100 --folds 3 runs the same comparison on a ratings file (--tune: tuned on training-part validation splits).");
        var best = results.MinBy(r => r.Rmse!.Value)!;
        context.Headline += $"; on synthetic ratings the best of {results.Count} methods is {best.Method}, RMSE {F(best.Rmse!.Value)}";

        var implicitProtocol = new EvaluationProtocol { Split = SplitKind.Random, Fraction = 0.2, ImplicitThreshold = 4 };
        var holdOut = implicitProtocol.Splits(ratings, null);
        var topN = ItemScorerRegistry.Names.Select(name => MethodEvaluation.Run(name, implicitProtocol, options, holdOut, cancellationToken: context.Cancellation))
            .OrderByDescending(r => r.Ndcg).ToList();
        double floor = topN.First(r => r.Method == "popularity").Ndcg;
        context.Report.AddParagraph($"Top-N over the whole catalogue, as implicit feedback. Protocol: {implicitProtocol.Describe()}");
        context.Report.AddTable(["method", "precision@10", "recall@10", "MAP@10", "NDCG@10", "hit rate@10", "coverage", "NDCG / popularity's"],
            topN.Select(r => (IReadOnlyList<string>)[r.Method, F(r.Precision), F(r.Recall), F(r.Map), F(r.Ndcg), F(r.HitRate), Tables.Percent(r.Coverage),
                (r.Ndcg / floor).ToString("0.00", CultureInfo.InvariantCulture) + "×"]).ToList(),
            "lowrank evaluate RATINGS --implicit 4 --split random:0.2 --split-by user --rank 3 --epochs 100.");
        string ranker = topN.First(r => ItemScorerRegistry.IsRatingPredictor(r.Method)).Method;
        string Id(int k) => (k + 1).ToString(CultureInfo.InvariantCulture);
        var sample = SampleRecommendations.For(ratings, 0, ranker, options, 5, Id, Id, _ => null, context.Cancellation);
        context.Report.AddTable(["user 1 rated highly", "rating", $"recommended by {ranker}", "predicted"],
            Enumerable.Range(0, 5).Select(k => (IReadOnlyList<string>)[$"item {sample.Liked[k].Item}", F(sample.Liked[k].Rating),
                $"item {sample.Recommended[k].Item}", F(sample.Recommended[k].Rating)]).ToList(),
            $"Recommendations for user 1 by {ranker} (the best rating predictor by NDCG above), fitted on all ratings: the unrated items with the highest predicted rating.");
        var foldIn = FoldInExample.For(ratings, 0, options, 5, Id, Id, _ => null, context.Cancellation);
        context.Report.AddTable(["new user's top items (fold-in)", "predicted", "retrained with the user", "predicted"],
            Enumerable.Range(0, Math.Min(foldIn.Recommended.Count, foldIn.Retrained.Count)).Select(k => (IReadOnlyList<string>)[
                $"item {foldIn.Recommended[k].Item}", F(foldIn.Recommended[k].Rating), $"item {foldIn.Retrained[k].Item}", F(foldIn.Retrained[k].Rating)]).ToList(),
            $"A new user without retraining: user 1's {foldIn.Ratings} ratings were left out, als was fitted on everyone else, and the user was folded in "
            + $"(a regularised least-squares solve against the fixed item factors, {foldIn.Milliseconds:0.##} ms with the top-5); {foldIn.Shared} of the 5 "
            + "agree with a model retrained with the user. lowrank fit RATINGS --method als -o model.lrm; lowrank recommend --model model.lrm --ratings new_user.csv.");
        return new
        {
            ratings.Count, Users = ratings.UserCount, Items = ratings.ItemCount,
            Protocol = protocol.Describe(), Methods = results.Select(r => EvaluationJson.Method(r)).ToArray(),
            TopN = new { Protocol = implicitProtocol.Describe(), Methods = topN.Select(r => EvaluationJson.Method(r)).ToArray() },
            Recommendations = sample,
            FoldIn = foldIn,
        };
    }

    private static string Row(Matrix m, int i) => Tables.RowText(m, i, "0.##");

    private static string F(double x) => x.ToString("G3", CultureInfo.InvariantCulture);
}
