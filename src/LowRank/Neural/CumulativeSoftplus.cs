using System.Numerics;

namespace LowRank.Neural;

/// <summary>
/// A monotone output head: y_i = Σ_{j ≥ i} softplus(z_j), the softplus increments accumulated from the last output
/// to the first. Every output is positive and y_1 ≥ y_2 ≥ … ≥ y_c by construction, the shape of a singular-value
/// spectrum (used by SV-Learn's improved model). Backward: ∂L/∂softplus(z_j) = Σ_{i ≤ j} ∂L/∂y_i (a prefix sum), then
/// the softplus derivative.
/// </summary>
public sealed class CumulativeSoftplus<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Softplus<T> _softplus = new();
    private Tensor<T>? _output, _prefix;

    public override Tensor<T> Forward(Tensor<T> input)
    {
        var increments = _softplus.Forward(input);
        _output = Tensor<T>.Reuse(_output, input.Rows, input.Cols);
        for (int r = 0; r < input.Rows; r++)
        {
            var s = increments.Row(r);
            var y = _output.Row(r);
            T sum = T.Zero;
            for (int j = s.Length - 1; j >= 0; j--) y[j] = sum += s[j];
        }
        return _output;
    }

    public override Tensor<T> Backward(Tensor<T> gradOutput)
    {
        _prefix = Tensor<T>.Reuse(_prefix, gradOutput.Rows, gradOutput.Cols);
        for (int r = 0; r < gradOutput.Rows; r++)
        {
            var dy = gradOutput.Row(r);
            var ds = _prefix.Row(r);
            T sum = T.Zero;
            for (int j = 0; j < dy.Length; j++) ds[j] = sum += dy[j];
        }
        return _softplus.Backward(_prefix);
    }

    public override int OutputFeatures(int inFeatures) => inFeatures;
}
