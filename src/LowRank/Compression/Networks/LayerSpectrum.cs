namespace LowRank.Compression.Networks;

/// <summary>
/// The singular values <see cref="S"/> (non-increasing) of one weight matrix of <see cref="Rows"/> × <see cref="Cols"/>
/// (out × in), and what storing it at rank k costs: k·(m + n) weights as two factors against m·n dense.
/// </summary>
public sealed record LayerSpectrum(int Rows, int Cols, IReadOnlyList<double> S)
{
    /// <summary>Weights of the dense layer, m·n.</summary>
    public long DenseWeights => (long)Rows * Cols;

    /// <summary>Weights of the two factors at rank k, k·(m + n).</summary>
    public long FactoredWeights(int k) => (long)k * (Rows + Cols);

    /// <summary>Whether rank k stores fewer weights than the dense matrix (k &lt; m·n/(m + n)).</summary>
    public bool Saves(int k) => FactoredWeights(k) < DenseWeights;

    /// <summary>Weights stored for a rank choice: the factors, or the dense matrix when <paramref name="k"/> is null.</summary>
    public long Weights(int? k) => k is int r ? FactoredWeights(r) : DenseWeights;

    /// <summary>Σ_{i≤k} σᵢ² / Σ σᵢ², the share of ‖W‖_F² the rank-k truncation keeps (Eckart–Young: the most any rank k keeps).</summary>
    public double Energy(int k)
    {
        double total = 0, kept = 0;
        for (int i = 0; i < S.Count; i++)
        {
            double e = S[i] * S[i];
            total += e;
            if (i < k) kept += e;
        }
        return total > 0 ? kept / total : 1;
    }
}
