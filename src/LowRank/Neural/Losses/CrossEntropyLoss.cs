using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural.Losses;

/// <summary>
/// Softmax cross-entropy on logits (PyTorch <c>nn.CrossEntropyLoss</c> with class-probability targets):
/// loss = −(1/b)·Σᵢ Σ_c t_ic · log softmax(zᵢ)_c, the log-softmax computed as z − max z − log Σ exp(z − max z) so
/// that large logits do not overflow. Targets are rows of class probabilities of the prediction's shape: one-hot
/// rows from <see cref="OneHot"/> for integer labels, or soft labels. Gradient (softmax(zᵢ)·Σ_c t_ic − tᵢ)/b.
/// </summary>
public sealed class CrossEntropyLoss<T> : Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double Forward(Tensor<T> prediction, Tensor<T> target)
    {
        PrepareGradient(prediction, target);
        int b = prediction.Rows;
        double loss = 0;
        T invB = T.One / T.CreateTruncating(Math.Max(1, b));
        for (int i = 0; i < b; i++)
        {
            var z = prediction.Row(i);
            var t = target.Row(i);
            var g = Gradient.Row(i);
            T max = TP.Max<T>(z);
            TP.Subtract(z, max, g);
            TP.Exp(g, g);
            T logSum = T.Log(TP.Sum<T>(g));
            TP.Subtract(z, max + logSum, g); // log-softmax
            loss -= double.CreateTruncating(TP.Dot<T>(t, g));
            TP.Exp(g, g);                    // softmax
            TP.Multiply(g, TP.Sum<T>(t), g);
            TP.Subtract(g, t, g);
            TP.Multiply(g, invB, g);
        }
        return loss / Math.Max(1, b);
    }

    /// <summary>One-hot rows for integer class labels in 0..classes−1.</summary>
    public static Tensor<T> OneHot(ReadOnlySpan<int> labels, int classes)
    {
        var t = new Tensor<T>(labels.Length, classes);
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), $"label {labels[i]} at {i} is outside 0..{classes - 1}");
            t[i, labels[i]] = T.One;
        }
        return t;
    }
}
