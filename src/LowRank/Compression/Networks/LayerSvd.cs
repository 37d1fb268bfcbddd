using System.Numerics;
using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Neural;

namespace LowRank.Compression.Networks;

/// <summary>
/// The SVD W = U·Σ·Vᵀ of a <see cref="Linear{T}"/> layer's weight (out m × in n), computed once (LAPACK dgesdd in
/// double precision) and then cut to any rank k. By Eckart–Young–Mirsky, W_k = U_kΣ_kV_kᵀ is the closest rank-k
/// matrix to W in the 2- and Frobenius norms, so ‖(W − W_k)x‖ ≤ σ_(k+1)‖x‖ for every input. <see cref="Factor"/>
/// replaces the layer by two: n → k without bias (weight Σ_k^½V_kᵀ) and k → m with U_kΣ_k^½ and the original bias,
/// k·(m + n) weights instead of m·n — the factorisation of Sainath et al. 2013 ("Low-rank matrix factorization for
/// deep neural network training with high-dimensional output targets") and Denton et al. 2014 ("Exploiting linear
/// structure within convolutional networks for efficient evaluation", §3.2, fully connected layers). Splitting Σ
/// evenly keeps both factors on one scale, which helps when they are fine-tuned afterwards.
/// </summary>
public sealed class LayerSvd<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _in, _out;
    private readonly T[]? _bias;
    private readonly SingularValueDecomposition _svd;
    private readonly ILinalgBackend _backend;

    public LayerSvd(Linear<T> layer, ILinalgBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        (_in, _out) = (layer.InFeatures, layer.OutFeatures);
        _bias = layer.Bias is null ? null : (T[])layer.Bias.Value.Clone(); // the weight and bias of one moment, even if the layer trains on
        _backend = backend ?? Backends.Current;
        var w = new Matrix(layer.OutFeatures, layer.InFeatures);
        for (int i = 0; i < w.Rows; i++)
            for (int j = 0; j < w.Cols; j++)
                w[i, j] = double.CreateChecked(layer.Weight.Value[i * w.Cols + j]);
        _svd = ExactSvd.Compute(w, computeVectors: true, _backend);
        Spectrum = new LayerSpectrum(w.Rows, w.Cols, _svd.S);
    }

    public LayerSpectrum Spectrum { get; }

    /// <summary>The two layers x ↦ (U_kΣ_k^½)·(Σ_k^½V_kᵀ·x) + b, 1 ≤ k ≤ min(m, n); at full rank they compute the layer to rounding.</summary>
    public Sequential<T> Factor(int k)
    {
        int m = _out, n = _in;
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Math.Min(m, n));
        var u = _svd.U!;
        var vt = _svd.VT!;
        var down = new Linear<T>(n, k, bias: false, _backend);
        var up = new Linear<T>(k, m, _bias is not null, _backend);
        for (int i = 0; i < k; i++)
        {
            double root = Math.Sqrt(_svd.S[i]);
            for (int j = 0; j < n; j++) down.Weight.Value[i * n + j] = T.CreateTruncating(root * vt[i, j]);
            for (int r = 0; r < m; r++) up.Weight.Value[r * k + i] = T.CreateTruncating(u[r, i] * root);
        }
        _bias?.CopyTo(up.Bias!.Value);
        return new Sequential<T>(down, up);
    }
}
