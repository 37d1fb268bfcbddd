using System.Numerics;

namespace LowRank.Neural.Losses;

/// <summary>
/// Mean squared error of logarithms, (1/(b·c))·Σ(log(p + ε) − log(t + ε))², for positive targets spread over orders
/// of magnitude (e.g. singular values), where every entry should count by its relative error; gradient
/// 2(log(p + ε) − log(t + ε))/((p + ε)·b·c). Predictions must stay above −ε (a softplus output does).
/// </summary>
public sealed class LogMSELoss<T>(double epsilon = 1e-6) : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public double Epsilon { get; } = epsilon > 0 ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be positive");

    public override double Forward(Tensor<T> prediction, Tensor<T> target)
    {
        PrepareGradient(prediction, target);
        var p = prediction.Span;
        var t = target.Span;
        var g = Gradient.Span;
        int count = Math.Max(1, p.Length);
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double shifted = Math.Max(double.CreateTruncating(p[i]) + Epsilon, double.Epsilon);
            double d = Math.Log(shifted) - Math.Log(double.CreateTruncating(t[i]) + Epsilon);
            sum += d * d;
            g[i] = T.CreateTruncating(2 * d / (shifted * count));
        }
        return sum / count;
    }
}
