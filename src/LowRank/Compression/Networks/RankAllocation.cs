namespace LowRank.Compression.Networks;

/// <summary>
/// Rules that choose the rank of each layer of a network to be factorised (<see cref="LayerSvd{T}"/>). Each returns
/// one entry per layer: the rank k, or null to keep the layer dense because k·(m + n) would not store fewer weights
/// than m·n. <see cref="Uniform"/> is the simple baseline; <see cref="Energy"/> and <see cref="Budget"/> adapt to
/// each layer's spectrum, which matters because the layers of a trained network differ widely in how fast their
/// singular values decay (the reason Denton et al. 2014 and Sainath et al. 2013 choose ranks per layer).
/// </summary>
public static class RankAllocation
{
    /// <summary>The same rank k in every layer (capped at min(m, n)).</summary>
    public static int?[] Uniform(IReadOnlyList<LayerSpectrum> layers, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return [.. layers.Select(l => DenseIfNoSaving(l, Math.Min(k, l.S.Count)))];
    }

    /// <summary>
    /// In each layer the smallest k whose truncation keeps at least the share <paramref name="fraction"/> of ‖W‖_F²
    /// (Σ_{i≤k} σᵢ² ≥ f·Σσᵢ²), i.e. a relative Frobenius error of at most √(1 − f) per layer.
    /// </summary>
    public static int?[] Energy(IReadOnlyList<LayerSpectrum> layers, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the energy share must be in (0, 1]");
        return [.. layers.Select(l =>
        {
            int k = 1;
            while (k < l.S.Count && l.Energy(k) < fraction) k++;
            return DenseIfNoSaving(l, k);
        })];
    }

    /// <summary>
    /// At most <paramref name="maxWeights"/> weights in all (biases not counted), chosen to minimise the total squared
    /// error Σ_l ‖W_l − W_l,k_l‖_F² = Σ_l Σ_{i>k_l} σ_l,i² (Eckart–Young, layer by layer): every layer starts at rank 1,
    /// then one rank at a time goes to the layer whose next singular value removes the most error per weight,
    /// σ²_(k+1)/(m + n), while the budget allows. Because σ is non-increasing within a layer the gains per weight
    /// decrease, so until a rank first does not fit the greedy choice is optimal for the weights it has spent (the
    /// fractional knapsack argument; exactly optimal for any budget when every layer has the same m + n); the ranks it
    /// then adds to the layers that still fit can fall short of the best integer choice. Small layers (a cheap m + n per rank) thus keep their rank and large layers give it up first.
    /// A layer that ends with k·(m + n) ≥ m·n is kept dense, which costs no more.
    /// </summary>
    public static int?[] Budget(IReadOnlyList<LayerSpectrum> layers, long maxWeights)
    {
        long used = layers.Sum(l => l.FactoredWeights(1));
        if (maxWeights < used)
            throw new ArgumentOutOfRangeException(nameof(maxWeights), maxWeights, $"rank 1 in every layer already takes {used} weights");
        var ranks = layers.Select(_ => 1).ToArray();
        while (true)
        {
            int best = -1;
            double bestGain = -1;
            for (int i = 0; i < layers.Count; i++)
            {
                var l = layers[i];
                if (ranks[i] >= l.S.Count || used + l.Rows + l.Cols > maxWeights) continue;
                double s = l.S[ranks[i]], gain = s * s / (l.Rows + l.Cols);
                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = i;
                }
            }
            if (best < 0) break;
            ranks[best]++;
            used += layers[best].Rows + layers[best].Cols;
        }
        return [.. layers.Select((l, i) => DenseIfNoSaving(l, ranks[i]))];
    }

    /// <summary>Weights stored for a rank choice, all layers.</summary>
    public static long Weights(IReadOnlyList<LayerSpectrum> layers, IReadOnlyList<int?> ranks) =>
        layers.Select((l, i) => l.Weights(ranks[i])).Sum();

    private static int? DenseIfNoSaving(LayerSpectrum layer, int k) => layer.Saves(k) ? k : null;
}
