using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural;

/// <summary>f(x) = tanh x (PyTorch <c>nn.Tanh</c>), f′ = 1 − y².</summary>
public sealed class Tanh<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => TP.Tanh(x, y);

    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        TP.Multiply(y, y, dx);                     // y²
        TP.Subtract(T.One, dx, dx);                // 1 − y²
        TP.Multiply(dx, dy, dx);
    }
}
