using System.Numerics;
using System.Runtime.InteropServices;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural;

/// <summary>
/// f(x) = log(1 + eˣ) (PyTorch <c>nn.Softplus</c> with β = 1), evaluated as max(x, 0) + log1p(e^−|x|) so that
/// neither large nor very negative x overflows; f′ = sigmoid(x). log1p(z) is taken as z·log(u)/(u − 1) with
/// u = 1 + z (z itself when u rounds to 1), which is accurate to a few ulps (Goldberg 1991, "What every computer
/// scientist should know about floating-point arithmetic", Theorem 4) where log(1 + z) would lose the small values.
/// </summary>
public sealed class Softplus<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _logU = [];

    protected override void Apply(ReadOnlySpan<T> x, Span<T> y)
    {
        if (_logU.Length < x.Length) _logU = new T[x.Length];
        var logU = _logU.AsSpan(0, x.Length);
        TP.Abs(x, y);
        TP.Negate(y, y);
        TP.Exp(y, y);             // z = e^−|x| ∈ (0, 1]
        TP.Add(y, T.One, logU);
        TP.Log(logU, logU);       // log(u), u = 1 + z
        var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
        var zv = MemoryMarshal.Cast<T, Vector<T>>(y);
        var lv = MemoryMarshal.Cast<T, Vector<T>>(logU);
        for (int v = 0; v < xv.Length; v++)
        {
            var z = zv[v];
            var d = (z + Vector<T>.One) - Vector<T>.One;
            var log1p = Vector.ConditionalSelect(Vector.Equals(d, Vector<T>.Zero), z, z * lv[v] / d);
            zv[v] = Vector.Max(xv[v], Vector<T>.Zero) + log1p;
        }
        for (int i = xv.Length * Vector<T>.Count; i < x.Length; i++)
        {
            T z = y[i], d = (z + T.One) - T.One;
            y[i] = T.Max(x[i], T.Zero) + (d == T.Zero ? z : z * logU[i] / d);
        }
    }

    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        TP.Sigmoid(x, dx);
        TP.Multiply(dx, dy, dx);
    }
}
