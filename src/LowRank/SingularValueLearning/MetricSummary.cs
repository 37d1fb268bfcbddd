using LowRank.Statistics;

namespace LowRank.SingularValueLearning;

/// <summary>
/// The paper's error measures over a test set (SV-Learn §IV-B, Table I), per matrix and summarised as mean ± standard
/// deviation (population): NMSE = Σᵢ(σᵢ − σ̂ᵢ)²/Σᵢσᵢ² and MAE = Σᵢ|σᵢ − σ̂ᵢ|/N with N = min(m, n). Matrices with
/// Σσ² = 0 have no NMSE and are left out of its mean (counted in <see cref="Skipped"/>).
/// </summary>
public sealed record MetricSummary(double NmseMean, double NmseStd, double MaeMean, double MaeStd, double[] Nmse, double[] Mae, int Skipped)
{
    /// <summary>Compares predictions with true singular values, both row-major count × <paramref name="outputs"/>.</summary>
    public static MetricSummary Of(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted, int outputs)
    {
        if (truth.Length != predicted.Length || outputs < 1 || truth.Length % outputs != 0)
            throw new ArgumentException($"{truth.Length} true and {predicted.Length} predicted values for {outputs} outputs each");
        int count = truth.Length / outputs;
        var nmse = new double[count];
        var mae = new double[count];
        for (int k = 0; k < count; k++)
        {
            double squared = 0, energy = 0, absolute = 0;
            for (int i = k * outputs; i < (k + 1) * outputs; i++)
            {
                double d = truth[i] - predicted[i];
                squared += d * d;
                energy += truth[i] * truth[i];
                absolute += Math.Abs(d);
            }
            nmse[k] = energy > 0 ? squared / energy : double.NaN;
            mae[k] = absolute / outputs;
        }
        var (nm, ns) = MeanStd(nmse);
        var (mm, ms) = MeanStd(mae);
        return new MetricSummary(nm, ns, mm, ms, nmse, mae, nmse.Count(double.IsNaN));
    }

    /// <summary>The labels of the given matrices of a data set, row-major (what <see cref="Of"/> takes as the truth).</summary>
    public static double[] Truth(SvDataset data, IReadOnlyList<int> indices)
    {
        var truth = new double[(long)indices.Count * data.Outputs];
        for (int r = 0; r < indices.Count; r++) data.Sigma(indices[r]).CopyTo(truth.AsSpan(r * data.Outputs, data.Outputs));
        return truth;
    }

    private static (double Mean, double Std) MeanStd(double[] values)
    {
        var moments = new RunningMoments();
        foreach (double v in values)
            if (!double.IsNaN(v)) moments.Add(v);
        return moments.Count == 0 ? (double.NaN, double.NaN) : (moments.Mean, moments.StandardDeviation);
    }
}
