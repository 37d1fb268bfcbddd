using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural;

/// <summary>
/// Inverted dropout (Srivastava et al. 2014; PyTorch <c>nn.Dropout</c>): in training mode each entry is zeroed with
/// probability <see cref="P"/> and the survivors are scaled by 1/(1 − p), so evaluation mode is the identity. The
/// masks come from a generator seeded with <see cref="Seed"/>: the same seed and call sequence give the same masks.
/// </summary>
public sealed class Dropout<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Random _random;
    private Tensor<T> _output = new(0, 0), _gradInput = new(0, 0), _mask = new(0, 0);

    public Dropout(double p, int seed = 0)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1)");
        P = p;
        Seed = seed;
        _random = new Random(seed);
    }

    public double P { get; }

    public int Seed { get; }

    /// <summary>When set (tests), forward passes reuse the last mask instead of drawing a new one.</summary>
    internal bool FreezeMask { get; set; }

    public override Tensor<T> Forward(Tensor<T> input)
    {
        bool redraw = !FreezeMask || _mask.Rows != input.Rows || _mask.Cols != input.Cols;
        _output = Tensor<T>.Reuse(_output, input.Rows, input.Cols);
        _mask = Tensor<T>.Reuse(_mask, input.Rows, input.Cols);
        var mask = _mask.Span;
        if (!Training || P == 0)
        {
            mask.Fill(T.One);
        }
        else if (redraw)
        {
            T keep = T.CreateTruncating(1 / (1 - P));
            for (int i = 0; i < mask.Length; i++) mask[i] = _random.NextDouble() < P ? T.Zero : keep;
        }
        TP.Multiply(input.Span, mask, _output.Span);
        return _output;
    }

    public override Tensor<T> Backward(Tensor<T> gradOutput)
    {
        if (gradOutput.Rows != _mask.Rows || gradOutput.Cols != _mask.Cols)
            throw new ArgumentException($"gradient is {gradOutput.Rows}×{gradOutput.Cols}, the last output was {_mask.Rows}×{_mask.Cols}");
        _gradInput = Tensor<T>.Reuse(_gradInput, gradOutput.Rows, gradOutput.Cols);
        TP.Multiply(gradOutput.Span, _mask.Span, _gradInput.Span);
        return _gradInput;
    }

    public override int OutputFeatures(int inFeatures) => inFeatures;
}
