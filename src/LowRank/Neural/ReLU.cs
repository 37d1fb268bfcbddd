using System.Numerics;
using System.Runtime.InteropServices;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural;

/// <summary>f(x) = max(x, 0) (PyTorch <c>nn.ReLU</c>); f′(0) is taken as 0, as PyTorch does.</summary>
public sealed class ReLU<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => TP.Max(x, T.Zero, y);

    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
        var dyv = MemoryMarshal.Cast<T, Vector<T>>(dy);
        var dxv = MemoryMarshal.Cast<T, Vector<T>>(dx);
        for (int v = 0; v < xv.Length; v++)
            dxv[v] = Vector.ConditionalSelect(Vector.GreaterThan(xv[v], Vector<T>.Zero), dyv[v], Vector<T>.Zero);
        for (int i = xv.Length * Vector<T>.Count; i < x.Length; i++) dx[i] = x[i] > T.Zero ? dy[i] : T.Zero;
    }
}
