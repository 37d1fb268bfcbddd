using System.Numerics;

namespace LowRank.Neural;

/// <summary>
/// An elementwise function y = f(x) with its derivative; keeps the input and output of the last forward pass
/// so that <see cref="Backward"/> can form dx = dy ⊙ f′(x) without recomputing f.
/// </summary>
public abstract class Activation<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _output, _gradInput, _input;

    public sealed override Tensor<T> Forward(Tensor<T> input)
    {
        _input = input;
        _output = Tensor<T>.Reuse(_output, input.Rows, input.Cols);
        Apply(input.Span, _output.Span);
        return _output;
    }

    public sealed override Tensor<T> Backward(Tensor<T> gradOutput)
    {
        if (_input is null || _output is null) throw new InvalidOperationException("Backward before Forward");
        if (gradOutput.Rows != _output.Rows || gradOutput.Cols != _output.Cols)
            throw new ArgumentException($"gradient is {gradOutput.Rows}×{gradOutput.Cols}, the last output was {_output.Rows}×{_output.Cols}");
        _gradInput = Tensor<T>.Reuse(_gradInput, gradOutput.Rows, gradOutput.Cols);
        Derive(_input.Span, _output.Span, gradOutput.Span, _gradInput.Span);
        return _gradInput;
    }

    public sealed override int OutputFeatures(int inFeatures) => inFeatures;

    /// <summary>y = f(x).</summary>
    protected abstract void Apply(ReadOnlySpan<T> x, Span<T> y);

    /// <summary>dx = dy ⊙ f′(x), given x and y = f(x).</summary>
    protected abstract void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx);
}
