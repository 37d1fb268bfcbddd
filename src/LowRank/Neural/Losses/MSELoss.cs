using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural.Losses;

/// <summary>Mean squared error over all entries, (1/(b·c))·Σ(p − t)² (PyTorch <c>nn.MSELoss</c>); gradient 2(p − t)/(b·c).</summary>
public sealed class MSELoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double Forward(Tensor<T> prediction, Tensor<T> target)
    {
        var diff = Difference(prediction, target);
        int count = Math.Max(1, diff.Length);
        double loss = double.CreateTruncating(TP.SumOfSquares<T>(diff)) / count;
        TP.Multiply(diff, T.CreateTruncating(2.0 / count), diff);
        return loss;
    }
}
