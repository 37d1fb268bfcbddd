namespace LowRank.Completion.Advanced;

/// <summary>
/// Draws from the Wishart distribution W(S, ν) of k×k precision matrices (mean ν·S) by the Bartlett decomposition
/// (Bartlett 1933; Smith &amp; Hocking 1972, "Algorithm AS 53"): with A lower triangular, A_ii = √χ²(ν − i)
/// (i = 0..k−1), A_ij ~ N(0, 1) below the diagonal, and S = F·Fᵀ, W = F·A·Aᵀ·Fᵀ. The sampler takes S⁻¹, which is
/// what the conjugate update of a Gaussian–Wishart prior produces ((W₀*)⁻¹ in Salakhutdinov &amp; Mnih 2008, §3.3):
/// with S⁻¹ = M·Mᵀ, F = M⁻ᵀ.
/// </summary>
internal static class Wishart
{
    /// <summary>
    /// Writes a draw of W(S, ν) to <paramref name="result"/> (k×k, row-major, full). <paramref name="inverseScale"/>
    /// is S⁻¹ (row-major; only its lower triangle is read). Requires ν &gt; k − 1.
    /// </summary>
    public static void Sample(ReadOnlySpan<double> inverseScale, int k, double nu, ref SplitMix64 random, Span<double> result)
    {
        if (!(nu > k - 1)) throw new ArgumentOutOfRangeException(nameof(nu), $"Wishart needs ν > k − 1, got ν = {nu}, k = {k}");
        var m = inverseScale[..(k * k)].ToArray();
        if (!SmallCholesky.Factor(m, k)) throw new ArgumentException("the Wishart inverse scale is not positive definite");
        // B = M⁻ᵀ·A, one column at a time; column j of A is zero above row j.
        var b = new double[k * k];
        var column = new double[k];
        for (int j = 0; j < k; j++)
        {
            Array.Clear(column);
            column[j] = Math.Sqrt(2 * random.NextGamma((nu - j) / 2));
            for (int i = j + 1; i < k; i++) column[i] = random.NextGaussian();
            SmallCholesky.SolveLowerTranspose(m, k, column);
            for (int i = 0; i < k; i++) b[i * k + j] = column[i];
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += b[i * k + p] * b[j * k + p];
                result[i * k + j] = sum;
                result[j * k + i] = sum;
            }
    }
}
