namespace LowRank.SingularValueLearning;

/// <summary>
/// The no-learning baseline every SV-Learn model must beat: the training set's mean of σ/‖A‖_F, times the test matrix's
/// own ‖A‖_F. It uses only what the improved model's homogeneity gives for free, so the gap to it is what was learnt.
/// Ours, not a step of SV-Learn (Xu, Shiao, Chen, Papalexakis, ICDM Workshops).
/// </summary>
public sealed class NormRatioBaseline
{
    private NormRatioBaseline(double[] meanRatio) => MeanRatio = meanRatio;

    /// <summary>The mean of σ/‖A‖_F over the training matrices, one value per index.</summary>
    public double[] MeanRatio { get; }

    public static NormRatioBaseline Fit(SvDataset data, IReadOnlyList<int> train)
    {
        var mean = new double[data.Outputs];
        int used = 0;
        foreach (int k in train)
        {
            var sigma = data.Sigma(k);
            double norm = Norm(sigma);
            if (norm == 0) continue;
            for (int i = 0; i < mean.Length; i++) mean[i] += sigma[i] / norm;
            used++;
        }
        for (int i = 0; i < mean.Length; i++) mean[i] /= Math.Max(1, used);
        return new NormRatioBaseline(mean);
    }

    /// <summary>Row-major predictions for the given matrices.</summary>
    public double[] Predict(SvDataset data, IReadOnlyList<int> indices)
    {
        int p = data.Outputs;
        var result = new double[(long)indices.Count * p];
        for (int r = 0; r < indices.Count; r++)
        {
            double norm = Norm(data.Sigma(indices[r])); // ‖A‖_F² = Σσ², equal to the entries' sum of squares
            for (int i = 0; i < p; i++) result[r * p + i] = MeanRatio[i] * norm;
        }
        return result;
    }

    private static double Norm(ReadOnlySpan<double> sigma)
    {
        double sum = 0;
        foreach (double s in sigma) sum += s * s;
        return Math.Sqrt(sum);
    }
}
