using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural;

/// <summary>f(x) = 1/(1 + e⁻ˣ) (PyTorch <c>nn.Sigmoid</c>), f′ = y(1 − y).</summary>
public sealed class Sigmoid<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => TP.Sigmoid(x, y);

    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        TP.Subtract(T.One, y, dx); // 1 − y
        TP.Multiply(dx, y, dx);
        TP.Multiply(dx, dy, dx);
    }
}
