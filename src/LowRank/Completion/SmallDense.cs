using System.Numerics;
using System.Runtime.CompilerServices;

namespace LowRank.Completion;

/// <summary>
/// Kernels on vectors and matrices of a few dozen entries (a user's factors, a k×k normal-equation matrix), where a
/// call into BLAS/LAPACK would cost more than the arithmetic.
/// </summary>
internal static class SmallDense
{
    /// <summary>xᵀy, vectorised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, i = 0;
        var acc = Vector<double>.Zero;
        for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            acc += new Vector<double>(x[i..]) * new Vector<double>(y[i..]);
        double sum = Vector.Sum(acc);
        for (; i < n; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>y += a·x, vectorised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length, i = 0;
        var av = new Vector<double>(a);
        for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            (new Vector<double>(y[i..]) + av * new Vector<double>(x[i..])).CopyTo(y[i..]);
        for (; i < n; i++) y[i] += a * x[i];
    }

    /// <summary>
    /// The simultaneous gradient step of biased MF (Koren et al. 2009): p += γ(e·q − λp), q += γ(e·p − λq), both
    /// right-hand sides using the old p and q.
    /// </summary>
    public static void FactorStep(Span<double> p, Span<double> q, double err, double learningRate, double regularization)
    {
        int n = p.Length, i = 0;
        double decay = 1 - learningRate * regularization, gain = learningRate * err;
        for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
        {
            var pv = new Vector<double>(p[i..]);
            var qv = new Vector<double>(q[i..]);
            (pv * decay + qv * gain).CopyTo(p[i..]);
            (qv * decay + pv * gain).CopyTo(q[i..]);
        }
        for (; i < n; i++)
        {
            double pf = p[i], qf = q[i];
            p[i] = pf * decay + qf * gain;
            q[i] = qf * decay + pf * gain;
        }
    }
}
