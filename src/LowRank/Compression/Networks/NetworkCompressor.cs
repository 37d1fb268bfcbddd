using System.Numerics;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Serialization;

namespace LowRank.Compression.Networks;

/// <summary>
/// Compresses a feed-forward network by truncated SVD: each top-level <see cref="Linear{T}"/> of a
/// <see cref="Sequential{T}"/> is replaced by its two rank-k factors (<see cref="LayerSvd{T}.Factor"/>) or kept
/// dense, as a rank choice (<see cref="RankAllocation"/>) says. The SVDs are computed once, so a sweep over ranks
/// costs one SVD per layer. The given model is never modified.
/// </summary>
public sealed class NetworkCompressor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _model;
    private readonly ILinalgBackend _backend;

    public NetworkCompressor(Sequential<T> model, ILinalgBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _backend = backend ?? Backends.Current;
        _model = model;
        Layers = [.. model.Layers.OfType<Linear<T>>().Select(l => new LayerSvd<T>(l, _backend))];
        if (Layers.Count == 0) throw new ArgumentException("the network has no Linear layer to compress", nameof(model));
        Spectra = [.. Layers.Select(l => l.Spectrum)];
    }

    /// <summary>The SVD of each Linear layer, in order.</summary>
    public IReadOnlyList<LayerSvd<T>> Layers { get; }

    public IReadOnlyList<LayerSpectrum> Spectra { get; }

    /// <summary>Weights of the uncompressed Linear layers (biases not counted).</summary>
    public long DenseWeights => Spectra.Sum(s => s.DenseWeights);

    /// <summary>
    /// A new network: a copy of the model with Linear layer i replaced by its two factors of rank
    /// <c>ranks[i]</c>, or kept (copied) where <c>ranks[i]</c> is null. The factors come straight after each other in
    /// the returned flat <see cref="Sequential{T}"/>.
    /// </summary>
    public Sequential<T> Compress(IReadOnlyList<int?> ranks)
    {
        if (ranks.Count != Layers.Count) throw new ArgumentException($"{ranks.Count} ranks for {Layers.Count} Linear layers", nameof(ranks));
        var copy = (Sequential<T>)ModelFile.Clone(_model, _backend);
        var modules = new List<Module<T>>();
        int index = 0;
        foreach (var module in copy.Layers)
        {
            if (module is Linear<T> dense)
            {
                if (ranks[index] is int k) modules.AddRange(Layers[index].Factor(k).Layers);
                else modules.Add(dense);
                index++;
            }
            else
            {
                modules.Add(module);
            }
        }
        if (modules[0] is Linear<T> first) first.NeedsInputGradient = false;
        return new Sequential<T>(modules);
    }
}
