using System.Diagnostics;
using LowRank.Neural;

namespace LowRank.SingularValueLearning;

/// <summary>
/// A network judged on the test matrices of a split as in SV-Learn §IV-B — NMSE and MAE per matrix, mean ± std — beside
/// the no-learning <see cref="NormRatioBaseline"/> fitted on the same split's training matrices, plus the 99 %-energy
/// rank (<see cref="EnergyRank"/>) of the predicted against the true spectrum.
/// </summary>
public sealed record SvEvaluation(MetricSummary Model, MetricSummary Baseline, double[] Predicted, double[] Truth,
    double RankExactFraction, double RankMeanAbsoluteError, double PredictSeconds)
{
    /// <summary>
    /// Whether the model lost to the no-learning baseline on these test matrices: its mean NMSE is above the baseline's
    /// by more than <see cref="BaselineTolerance"/> of it (a float32 model that is the baseline, e.g. an improved model
    /// that kept its start, ties it only to rounding).
    /// </summary>
    public bool WorseThanBaseline => Model.NmseMean > Baseline.NmseMean * (1 + BaselineTolerance);

    /// <summary>The relative margin of <see cref="WorseThanBaseline"/>: 10⁻³.</summary>
    public const double BaselineTolerance = 1e-3;

    public static SvEvaluation Run(Module<float> model, SvDataset data, DatasetSplit split)
    {
        if (split.Test.Length == 0) throw new InvalidInputException("the split has no test matrices");
        int p = data.Outputs;
        var clock = Stopwatch.StartNew();
        var predicted = SvPredictor.Predict(model, data.Matrices, split.Test);
        double seconds = clock.Elapsed.TotalSeconds;
        var truth = MetricSummary.Truth(data, split.Test);
        var baseline = NormRatioBaseline.Fit(data, split.Train).Predict(data, split.Test);
        int exact = 0;
        double absolute = 0;
        for (int r = 0; r < split.Test.Length; r++)
        {
            int a = EnergyRank.Of(truth.AsSpan(r * p, p)), b = EnergyRank.Of(predicted.AsSpan(r * p, p));
            if (a == b) exact++;
            absolute += Math.Abs(a - b);
        }
        return new SvEvaluation(MetricSummary.Of(truth, predicted, p), MetricSummary.Of(truth, baseline, p), predicted, truth,
            (double)exact / split.Test.Length, absolute / split.Test.Length, seconds);
    }
}
