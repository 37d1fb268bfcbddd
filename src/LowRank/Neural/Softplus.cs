using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural;

/// <summary>
/// f(x) = log(1 + eˣ) (PyTorch <c>nn.Softplus</c> with β = 1), evaluated as max(x, 0) + log(1 + e^−|x|) so that
/// neither large nor very negative x overflows; f′ = sigmoid(x).
/// </summary>
public sealed class Softplus<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y)
    {
        TP.Abs(x, y);
        TP.Negate(y, y);
        TP.Exp(y, y);
        TP.LogP1(y, y);
        for (int i = 0; i < x.Length; i++) y[i] += T.Max(x[i], T.Zero);
    }

    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        TP.Sigmoid(x, dx);
        TP.Multiply(dx, dy, dx);
    }
}
