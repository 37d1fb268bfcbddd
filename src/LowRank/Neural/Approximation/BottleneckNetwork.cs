using System.Numerics;
using LowRank.Linalg;

namespace LowRank.Neural.Approximation;

/// <summary>Rebuilds a trained bottleneck network from <see cref="BottleneckResult.Layers"/>, e.g. to save it as a model file.</summary>
public static class BottleneckNetwork
{
    /// <summary>The bias-free linear network x ↦ W_L···W₁·x whose layers have the given out×in weights, in order.</summary>
    public static Sequential<T> FromLayers<T>(IReadOnlyList<Matrix> layers, ILinalgBackend? backend = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var modules = new List<Module<T>>(layers.Count);
        foreach (var w in layers)
        {
            var linear = new Linear<T>(w.Cols, w.Rows, bias: false, backend);
            Tensor<T>.FromMatrix(w).Span.CopyTo(linear.Weight.Value); // row-major out×in, as Linear stores it
            modules.Add(linear);
        }
        return new Sequential<T>(modules);
    }
}
