using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural.Losses;

/// <summary>
/// Mean absolute error over all entries, (1/(b·c))·Σ|p − t| (PyTorch <c>nn.L1Loss</c>); gradient sign(p − t)/(b·c),
/// with sign(0) = 0 (the subgradient PyTorch uses).
/// </summary>
public sealed class L1Loss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double Forward(Tensor<T> prediction, Tensor<T> target)
    {
        var diff = Difference(prediction, target);
        int count = Math.Max(1, diff.Length);
        double loss = double.CreateTruncating(TP.SumOfMagnitudes<T>(diff)) / count;
        T scale = T.One / T.CreateTruncating(count);
        foreach (ref T d in diff) d = d > T.Zero ? scale : d < T.Zero ? -scale : d * scale; // 0 stays 0, NaN stays NaN
        return loss;
    }
}
