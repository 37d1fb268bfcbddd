using System.Numerics;
using System.Runtime.InteropServices;

namespace LowRank.Neural.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015, Algorithm 1) with PyTorch's optional L2 weight decay (<c>torch.optim.Adam</c>):
/// g ← ∇ + λθ, m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ),
/// v̂ = v/(1−β₂ᵗ). The bias corrections are folded into one step size and one ε per step, as in the paper's
/// "more efficient" ordering at the end of §2.
/// </summary>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _m, _v;

    public Adam(IEnumerable<Parameter<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "β₁ must be in [0, 1)");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "β₂ must be in [0, 1)");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "weight decay must be ≥ 0");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        _m = [.. Parameters.Select(p => new T[p.Length])];
        _v = [.. Parameters.Select(p => new T[p.Length])];
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    public double WeightDecay { get; }

    private protected override void Update(int index, Parameter<T> parameter)
    {
        double c1 = 1 - Math.Pow(Beta1, StepCount), c2 = 1 - Math.Pow(Beta2, StepCount);
        // θ − η·(m/c1)/(√(v/c2) + ε) = θ − (η√c2/c1)·m/(√v + ε√c2).
        T step = T.CreateTruncating(LearningRate * Math.Sqrt(c2) / c1);
        T eps = T.CreateTruncating(Epsilon * Math.Sqrt(c2));
        T b1 = T.CreateTruncating(Beta1), b2 = T.CreateTruncating(Beta2), wd = T.CreateTruncating(WeightDecay);
        T a1 = T.One - b1, a2 = T.One - b2;
        Span<T> theta = parameter.Value, grad = parameter.Grad, m = _m[index], v = _v[index];
        int vectors = theta.Length / Vector<T>.Count;
        var thetaV = MemoryMarshal.Cast<T, Vector<T>>(theta);
        var gradV = MemoryMarshal.Cast<T, Vector<T>>(grad);
        var mV = MemoryMarshal.Cast<T, Vector<T>>(m);
        var vV = MemoryMarshal.Cast<T, Vector<T>>(v);
        for (int i = 0; i < vectors; i++)
        {
            var g = gradV[i] + thetaV[i] * wd;
            var mi = mV[i] * b1 + g * a1;
            var vi = vV[i] * b2 + g * g * a2;
            mV[i] = mi;
            vV[i] = vi;
            thetaV[i] -= mi * step / (Vector.SquareRoot(vi) + new Vector<T>(eps));
        }
        for (int i = vectors * Vector<T>.Count; i < theta.Length; i++)
        {
            T g = grad[i] + theta[i] * wd;
            m[i] = m[i] * b1 + g * a1;
            v[i] = v[i] * b2 + g * g * a2;
            theta[i] -= m[i] * step / (T.Sqrt(v[i]) + eps);
        }
    }
}
