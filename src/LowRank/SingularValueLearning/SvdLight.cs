using LowRank.Linalg;

namespace LowRank.SingularValueLearning;

/// <summary>
/// SVD-LIGHT, the SV-Learn paper's sampling-based SVD that takes its singular values from the network (its Algorithm 1).
/// The algorithm's text was not available to us, so this is our documented reading of "a sampling-based SVD with
/// predicted singular values", built on the column-sampling SVD of Drineas, Kannan &amp; Mahoney (2006, "Fast Monte Carlo
/// algorithms for matrices II", LinearTimeSVD):
/// <list type="number">
/// <item>sample c columns of A independently with probabilities pⱼ = ‖A₍:,ⱼ₎‖²/‖A‖_F², with replacement;</item>
/// <item>scale each sampled column by 1/√(c·pⱼ), giving C (m×c) with E[CCᵀ] = AAᵀ;</item>
/// <item>U_k = the k leading left singular vectors of the small C;</item>
/// <item>V_k = the columns of AᵀU_k, each normalised to unit length (the right vectors up to their σ);</item>
/// <item>S = the network's predicted σ̂₁ … σ̂_k, in place of any singular value computed from A or C.</item>
/// </list>
/// So the vectors come from a sample and the magnitudes from the network; no SVD of A itself is computed.
/// </summary>
public static class SvdLight
{
    /// <summary>Rank-k factors of <paramref name="a"/> with <paramref name="samples"/> sampled columns (c ≥ k).</summary>
    public static SvdLightResult Compute(Matrix a, ReadOnlySpan<double> predictedSigma, int k, int samples, Random random,
        ILinalgBackend? backend = null)
    {
        backend ??= Backends.Current;
        if (k < 1 || k > a.MinDimension) throw new InvalidInputException($"SVD-LIGHT rank must be in 1..{a.MinDimension}, not {k}");
        if (samples < k) throw new InvalidInputException($"SVD-LIGHT needs at least k = {k} sampled columns, not {samples}");
        if (predictedSigma.Length < k) throw new InvalidInputException($"SVD-LIGHT needs {k} predicted singular values, got {predictedSigma.Length}");
        double total = 0;
        var weights = new double[a.Cols];
        for (int j = 0; j < a.Cols; j++)
        {
            foreach (double x in a.Column(j)) weights[j] += x * x;
            total += weights[j];
        }
        var c = new Matrix(a.Rows, samples);
        if (total > 0)
            for (int t = 0; t < samples; t++)
            {
                int j = Draw(weights, total, random);
                double scale = 1 / Math.Sqrt(samples * weights[j] / total);
                var source = a.Column(j);
                var target = c.Column(t);
                for (int i = 0; i < source.Length; i++) target[i] = source[i] * scale;
            }
        var (u, _, _) = backend.Svd(c, computeVectors: true);
        var uk = u!.LeadingColumns(Math.Min(k, u!.Cols));
        var v = new Matrix(a.Cols, uk.Cols);
        backend.Gemm(true, false, a.Cols, uk.Cols, a.Rows, 1.0, a.Data, a.Rows, uk.Data, uk.Rows, 0.0, v.Data, a.Cols);
        for (int j = 0; j < v.Cols; j++)
        {
            var column = v.Column(j);
            double norm = EuclideanNorm.Of(column);
            if (norm > 0) foreach (ref double x in column) x /= norm;
        }
        var s = predictedSigma[..uk.Cols].ToArray();
        return new SvdLightResult(uk, s, v);
    }

    private static int Draw(double[] weights, double total, Random random)
    {
        double target = random.NextDouble() * total, sum = 0;
        for (int j = 0; j < weights.Length; j++)
        {
            sum += weights[j];
            if (target < sum && weights[j] > 0) return j;
        }
        return Array.FindLastIndex(weights, w => w > 0);
    }
}
