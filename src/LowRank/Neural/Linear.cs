using System.Numerics;
using LowRank.Linalg;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural;

/// <summary>
/// A fully connected layer Y = X·Wᵀ + b (PyTorch <c>nn.Linear</c>): W is out × in, stored row-major like PyTorch's
/// weight, b is optional. A row-major batch X (batch × in) is the column-major Xᵀ, and a row-major W is the
/// column-major Wᵀ, so each product is one gemm on the stored arrays without copies:
/// forward Yᵀ = W·Xᵀ, weight gradient dWᵀ = Xᵀ·dY, input gradient dXᵀ = Wᵀ·dYᵀ, and db = the column sums of dY.
/// The gradient of a frozen parameter (<see cref="Parameter{T}.RequiresGrad"/> false) is not computed.
/// </summary>
public sealed class Linear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILinalgBackend _backend;
    private readonly Tensor<T> _output, _gradInput;
    private Tensor<T>? _input;

    /// <param name="inFeatures">Width of each input row.</param>
    /// <param name="outFeatures">Width of each output row.</param>
    /// <param name="bias">Whether the layer adds a bias (initialised to zero).</param>
    /// <param name="random">Seeds the weight initialisation.</param>
    /// <param name="initializer">The weight initialisation rule.</param>
    /// <param name="backend">The gemm provider; the active backend when null.</param>
    public Linear(int inFeatures, int outFeatures, bool bias, Random random, Initializer initializer = Initializer.HeNormal,
        ILinalgBackend? backend = null)
        : this(inFeatures, outFeatures, bias, backend)
    {
        Init.Apply(Weight, initializer, random, _backend);
    }

    /// <summary>A layer with all-zero parameters, to be filled by the caller (model files, tests).</summary>
    public Linear(int inFeatures, int outFeatures, bool bias, ILinalgBackend? backend = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        _backend = backend ?? Backends.Current;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter<T>("weight", outFeatures, inFeatures);
        Bias = bias ? new Parameter<T>("bias", 1, outFeatures) : null;
        _output = new Tensor<T>(0, outFeatures);
        _gradInput = new Tensor<T>(0, inFeatures);
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    /// <summary>out × in, row-major.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>1 × out, or null for a bias-free layer.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>
    /// Whether <see cref="Backward"/> computes ∂loss/∂input (default true). Set it to false on a first layer, whose
    /// input is data nobody differentiates (what PyTorch's autograd skips for an input without requires_grad): the
    /// dX gemm, a third of the layer's backward work, is then skipped and Backward returns an empty (0-row) batch.
    /// </summary>
    public bool NeedsInputGradient { get; set; } = true;

    public override Tensor<T> Forward(Tensor<T> input)
    {
        CheckWidth(input.Cols);
        int b = input.Rows;
        _input = input;
        _output.Resize(b);
        T beta = T.Zero;
        if (Bias is not null)
        {
            for (int i = 0; i < b; i++) Bias.Value.CopyTo(_output.Row(i));
            beta = T.One;
        }
        Blas<T>.Gemm(_backend, true, false, OutFeatures, b, InFeatures, T.One, Weight.Value, InFeatures,
            input.Data, InFeatures, beta, _output.Data, OutFeatures);
        return _output;
    }

    public override Tensor<T> Backward(Tensor<T> gradOutput)
    {
        var input = _input ?? throw new InvalidOperationException("Backward before Forward");
        int b = gradOutput.Rows;
        if (b != input.Rows || gradOutput.Cols != OutFeatures)
            throw new ArgumentException($"gradient is {b}×{gradOutput.Cols}, the last output was {input.Rows}×{OutFeatures}");
        if (Weight.RequiresGrad)
            Blas<T>.Gemm(_backend, false, true, InFeatures, OutFeatures, b, T.One, input.Data, InFeatures,
                gradOutput.Data, OutFeatures, T.Zero, Weight.Grad, InFeatures);
        if (Bias is { RequiresGrad: true })
        {
            Array.Clear(Bias.Grad);
            for (int i = 0; i < b; i++) TP.Add(Bias.Grad, gradOutput.Row(i), Bias.Grad);
        }
        _gradInput.Resize(NeedsInputGradient ? b : 0);
        if (!NeedsInputGradient) return _gradInput;
        Blas<T>.Gemm(_backend, false, false, InFeatures, b, OutFeatures, T.One, Weight.Value, InFeatures,
            gradOutput.Data, OutFeatures, T.Zero, _gradInput.Data, InFeatures);
        return _gradInput;
    }

    public override IEnumerable<Parameter<T>> Parameters()
    {
        yield return Weight;
        if (Bias is not null) yield return Bias;
    }

    public override int OutputFeatures(int inFeatures)
    {
        CheckWidth(inFeatures);
        return OutFeatures;
    }

    private void CheckWidth(int cols)
    {
        if (cols != InFeatures) throw new ArgumentException($"Linear({InFeatures}, {OutFeatures}) got rows of {cols} features");
    }
}
