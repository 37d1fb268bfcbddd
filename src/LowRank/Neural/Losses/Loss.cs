using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural.Losses;

/// <summary>
/// A loss over a batch (PyTorch <c>nn.*Loss</c> with the default <c>reduction='mean'</c>). <see cref="Forward"/>
/// returns the loss of a prediction against a target of the same shape; <see cref="Backward"/> then returns
/// ∂loss/∂prediction in a buffer the loss owns and reuses.
/// </summary>
public abstract class Loss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected Tensor<T> Gradient = new(0, 0);

    public abstract double Forward(Tensor<T> prediction, Tensor<T> target);

    /// <summary>∂loss/∂prediction for the last <see cref="Forward"/>.</summary>
    public Tensor<T> Backward() => Gradient;

    private protected void PrepareGradient(Tensor<T> prediction, Tensor<T> target)
    {
        if (prediction.Rows != target.Rows || prediction.Cols != target.Cols)
            throw new ArgumentException($"prediction is {prediction.Rows}×{prediction.Cols}, target is {target.Rows}×{target.Cols}");
        Gradient = Tensor<T>.Reuse(Gradient, prediction.Rows, prediction.Cols);
    }

    /// <summary>Sizes the gradient buffer and writes the elementwise p − t into it (what MSE and L1 start from).</summary>
    private protected Span<T> Difference(Tensor<T> prediction, Tensor<T> target)
    {
        PrepareGradient(prediction, target);
        var diff = Gradient.Span;
        TP.Subtract(prediction.Span, target.Span, diff);
        return diff;
    }
}
