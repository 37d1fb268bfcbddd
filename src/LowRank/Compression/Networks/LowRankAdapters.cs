using System.Numerics;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Serialization;

namespace LowRank.Compression.Networks;

/// <summary>
/// Puts a LoRA adapter (<see cref="LoRALinear{T}"/>, Hu et al. 2021) on every top-level Linear layer of a
/// network, and merges adapters back into plain layers. Both return new networks; the given one is not modified.
/// </summary>
public static class LowRankAdapters
{
    /// <summary>A copy of <paramref name="model"/> whose Linear layers are frozen and carry a rank-r adapter with scale α/r.</summary>
    public static Sequential<T> Wrap<T>(Sequential<T> model, int rank, double alpha, int seed, ILinalgBackend? backend = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var copy = (Sequential<T>)ModelFile.Clone(model, backend);
        var random = new Random(seed);
        var modules = copy.Layers.Select(m => m is Linear<T> linear
            ? new LoRALinear<T>(linear, Math.Min(rank, Math.Min(linear.InFeatures, linear.OutFeatures)), alpha, random, backend)
            : m).ToList();
        if (modules.Count > 0 && modules[0] is LoRALinear<T> first) first.NeedsInputGradient = false;
        return new Sequential<T>(modules);
    }

    /// <summary>A copy of <paramref name="model"/> with every top-level adapter merged into its layer (W₀ + (α/r)·B·A).</summary>
    public static Sequential<T> Merge<T>(Sequential<T> model, ILinalgBackend? backend = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var copy = (Sequential<T>)ModelFile.Clone(model, backend);
        return new Sequential<T>(copy.Layers.Select(m => m is LoRALinear<T> adapter ? adapter.Merge() : m));
    }
}
