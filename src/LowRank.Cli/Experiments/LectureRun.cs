using LowRank.Completion;
using LowRank.Linalg;
using LowRank.Reports;

namespace LowRank.Cli.Experiments;

/// <summary>
/// The lecture's 3×5 table completed at rank 1 by mean-svd (one SVD) and by hard-impute (iterated; also with
/// momentum 0.8), known ratings kept, with the largest error against its unique rank-1 completion.
/// </summary>
internal sealed record LectureRun(Matrix MeanSvd, Matrix HardImpute, IterationTrace Trace, IterationTrace MomentumTrace,
    double MeanSvdError, double HardImputeError)
{
    public static LectureRun Run()
    {
        var set = LectureExample.Set;
        var truth = LectureExample.RankOneCompletion;
        var meanSvd = new MeanSvdPredictor(new MeanSvdOptions(Rank: 1, Fill: FillMode.Global));
        meanSvd.Fit(set);
        var hard = new HardImputePredictor(HardImputeOptions.ExactCompletion with { Rank = 1, Fill = FillMode.Global });
        hard.Fit(set);
        var momentum = new HardImputePredictor(HardImputeOptions.ExactCompletion with { Rank = 1, Fill = FillMode.Global, Momentum = 0.8 });
        momentum.Fit(set);
        var a = KeepKnown(meanSvd.PredictAll());
        var b = KeepKnown(hard.PredictAll());
        return new LectureRun(a, b, hard.Trace!, momentum.Trace!, MaxAbsDifference(a, truth), MaxAbsDifference(b, truth));
    }

    /// <summary>The completion as <c>lowrank complete</c> writes it: known ratings as given, the rest predicted.</summary>
    private static Matrix KeepKnown(Matrix predicted)
    {
        var known = LectureExample.Ratings;
        for (int p = 0; p < known.Data.Length; p++)
            if (!double.IsNaN(known.Data[p])) predicted.Data[p] = known.Data[p];
        return predicted;
    }

    /// <summary>Each viewer's best-predicted movie among those the viewer has not rated (1-based movie numbers).</summary>
    public static int[] Recommendations(Matrix completed)
    {
        var known = LectureExample.Ratings;
        var best = new int[completed.Rows];
        for (int i = 0; i < completed.Rows; i++)
        {
            int choice = -1;
            for (int j = 0; j < completed.Cols; j++)
                if (double.IsNaN(known[i, j]) && (choice < 0 || completed[i, j] > completed[i, choice])) choice = j;
            best[i] = choice + 1;
        }
        return best;
    }

    /// <summary>
    /// The convergence figure of the demo and of the completion report: hard-impute's relative change per iteration,
    /// plain and with momentum, on a log scale.
    /// </summary>
    public void DrawConvergence(string path) => Figures.LinesAgainstIndex(path, "hard-impute on the lecture's table", "iteration",
        "relative change ‖Z(t+1) − Z(t)‖ / ‖Z(t)‖", [("plain", Trace.RelativeChanges), ("momentum β = 0.8", MomentumTrace.RelativeChanges)], logY: true);

    public object Summary() => new
    {
        MeanSvd = MeanSvd.ToJagged(),
        HardImpute = HardImpute.ToJagged(),
        HardImputeIterations = Trace.Iterations,
        HardImputeConverged = Trace.Converged,
        HardImputeMomentumIterations = MomentumTrace.Iterations,
        MeanSvdMaxError = MeanSvdError,
        MeanSvdRecommendations = Recommendations(MeanSvd),
        HardImputeRecommendations = Recommendations(HardImpute),
        HardImputeMaxError = HardImputeError,
    };

    private static double MaxAbsDifference(Matrix x, Matrix y)
    {
        double d = 0;
        for (int p = 0; p < x.Data.Length; p++) d = Math.Max(d, Math.Abs(x.Data[p] - y.Data[p]));
        return d;
    }
}
