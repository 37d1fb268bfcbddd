namespace LowRank.Completion.Advanced;

/// <summary>
/// Ridge regression with an unpenalised intercept (Hoerl &amp; Kennard 1970; Hastie, Tibshirani &amp; Friedman,
/// "The Elements of Statistical Learning", §3.4.1, eq. 3.44 on centred inputs): w = (X̃ᵀX̃ + λI)⁻¹X̃ᵀỹ with the
/// columns and the target centred, then w₀ = ȳ − x̄ᵀw.
/// </summary>
internal static class RidgeRegression
{
    /// <summary>Fits y ≈ w₀ + Σ_c w_c·columns[c]; returns (w₀, w).</summary>
    public static (double Intercept, double[] Weights) Fit(IReadOnlyList<double[]> columns, ReadOnlySpan<double> y, double lambda)
    {
        int p = columns.Count, n = y.Length;
        if (n == 0) throw new ArgumentException("ridge regression needs at least one observation");
        var columnMean = new double[p];
        for (int c = 0; c < p; c++) columnMean[c] = columns[c].Average();
        double yMean = 0;
        foreach (double v in y) yMean += v;
        yMean /= n;
        var gram = new double[p * p];
        var rhs = new double[p];
        for (int a = 0; a < p; a++)
        {
            var ca = columns[a];
            for (int t = 0; t < n; t++) rhs[a] += (ca[t] - columnMean[a]) * (y[t] - yMean);
            for (int b = 0; b <= a; b++)
            {
                var cb = columns[b];
                double sum = 0;
                for (int t = 0; t < n; t++) sum += (ca[t] - columnMean[a]) * (cb[t] - columnMean[b]);
                gram[a * p + b] = sum;
            }
            // A tiny relative jitter keeps the system solvable when λ = 0 and two components coincide.
            gram[a * p + a] += lambda + 1e-12 * (1 + gram[a * p + a]);
        }
        if (!SmallCholesky.Solve(gram, p, rhs)) throw new InvalidOperationException("ridge regression: the normal equations are singular");
        double intercept = yMean;
        for (int c = 0; c < p; c++) intercept -= rhs[c] * columnMean[c];
        return (intercept, rhs);
    }
}
