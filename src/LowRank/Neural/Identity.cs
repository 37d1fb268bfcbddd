using System.Numerics;

namespace LowRank.Neural;

/// <summary>f(x) = x (PyTorch <c>nn.Identity</c>): the "linear activation" of a linear network.</summary>
public sealed class Identity<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => x.CopyTo(y);

    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => dy.CopyTo(dx);
}
