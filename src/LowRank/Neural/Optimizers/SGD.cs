using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, in PyTorch's
/// formulation (<c>torch.optim.SGD</c>; Sutskever et al. 2013): g ← ∇ + λθ, v ← μv + g,
/// θ ← θ − η·(g + μv) with Nesterov, θ ← θ − η·v without (v = g when μ = 0).
/// </summary>
public sealed class SGD<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _velocity;

    public SGD(IEnumerable<Parameter<T>> parameters, double learningRate, double momentum = 0, bool nesterov = false,
        double weightDecay = 0)
        : base(parameters, learningRate)
    {
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be in [0, 1)");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "weight decay must be ≥ 0");
        if (nesterov && momentum == 0) throw new ArgumentException("Nesterov momentum needs momentum > 0", nameof(nesterov));
        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        _velocity = [.. Parameters.Select(p => new T[p.Length])];
    }

    public double Momentum { get; }

    public bool Nesterov { get; }

    public double WeightDecay { get; }

    private protected override void Update(int index, Parameter<T> parameter)
    {
        var theta = parameter.Value.AsSpan();
        var g = parameter.Grad.AsSpan();
        T lr = T.CreateTruncating(LearningRate);
        if (WeightDecay > 0) TP.MultiplyAdd(theta, T.CreateTruncating(WeightDecay), g, g);
        if (Momentum == 0)
        {
            TP.MultiplyAdd(g, -lr, theta, theta);
            return;
        }
        var v = _velocity[index].AsSpan();
        T mu = T.CreateTruncating(Momentum);
        TP.MultiplyAdd(v, mu, g, v);                     // v ← μv + g
        if (Nesterov)
        {
            TP.MultiplyAdd(g, -lr, theta, theta);        // θ ← θ − ηg
            TP.MultiplyAdd(v, -lr * mu, theta, theta);   //     − ημv
        }
        else
        {
            TP.MultiplyAdd(v, -lr, theta, theta);
        }
    }
}
