using System.Numerics;
using LowRank.Linalg;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace LowRank.Neural;

/// <summary>
/// A low-rank adapter on a frozen linear layer (LoRA; Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language
/// Models", §4.1): h = W₀x + b + (α/r)·B·A·x, with W₀ (out × in) and b frozen, A (r × in) and B (out × r) trainable.
/// As in the paper, A starts random and B at zero, so the adapter starts as the base layer exactly, and the scale α/r
/// keeps the size of the update roughly independent of r. Only A and B are trained: r·(in + out) numbers instead of
/// in·out. <see cref="Merge"/> folds the update into one plain <see cref="Linear{T}"/> W₀ + (α/r)·B·A, so inference
/// costs nothing extra (§4.1, "No additional inference latency").
/// The adapter is two bias-free <see cref="Linear{T}"/> layers, Down (weight A) and Up (weight B), beside the base.
/// </summary>
public sealed class LoRALinear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILinalgBackend _backend;
    private Tensor<T>? _gradUp, _gradInput;

    /// <summary>Wraps <paramref name="baseLayer"/>, freezing its parameters; A drawn by He initialisation, B zero.</summary>
    public LoRALinear(Linear<T> baseLayer, int rank, double alpha, Random random, ILinalgBackend? backend = null)
        : this(baseLayer, rank, alpha, backend)
    {
        Init.HeNormal(Down.Weight, random);
    }

    /// <summary>Wraps <paramref name="baseLayer"/>, freezing its parameters, with A and B zero, to be filled by the caller (model files, tests).</summary>
    public LoRALinear(Linear<T> baseLayer, int rank, double alpha, ILinalgBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(baseLayer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rank);
        if (!(alpha > 0) || !double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be positive");
        _backend = backend ?? Backends.Current;
        Base = baseLayer;
        Rank = rank;
        Alpha = alpha;
        foreach (var p in baseLayer.Parameters()) p.RequiresGrad = false;
        Down = new Linear<T>(baseLayer.InFeatures, rank, bias: false, _backend);
        Up = new Linear<T>(rank, baseLayer.OutFeatures, bias: false, _backend);
    }

    /// <summary>The frozen layer W₀x + b.</summary>
    public Linear<T> Base { get; }

    /// <summary>x ↦ A·x, A being r × in.</summary>
    public Linear<T> Down { get; }

    /// <summary>z ↦ B·z, B being out × r.</summary>
    public Linear<T> Up { get; }

    public int Rank { get; }

    public double Alpha { get; }

    /// <summary>The factor α/r of the update.</summary>
    public double Scale => Alpha / Rank;

    /// <summary>Whether <see cref="Backward"/> computes ∂loss/∂input (see <see cref="Linear{T}.NeedsInputGradient"/>).</summary>
    public bool NeedsInputGradient
    {
        get => Base.NeedsInputGradient;
        set => Base.NeedsInputGradient = Down.NeedsInputGradient = value;
    }

    public int InFeatures => Base.InFeatures;

    public int OutFeatures => Base.OutFeatures;

    public override Tensor<T> Forward(Tensor<T> input)
    {
        var output = Base.Forward(input);
        var update = Up.Forward(Down.Forward(input));
        TP.MultiplyAdd(update.Span, T.CreateTruncating(Scale), output.Span, output.Span);
        return output;
    }

    public override Tensor<T> Backward(Tensor<T> gradOutput)
    {
        _gradUp = Tensor<T>.Reuse(_gradUp, gradOutput.Rows, gradOutput.Cols);
        TP.Multiply(gradOutput.Span, T.CreateTruncating(Scale), _gradUp.Span);
        var viaAdapter = Down.Backward(Up.Backward(_gradUp));
        var viaBase = Base.Backward(gradOutput);
        _gradInput = Tensor<T>.Reuse(_gradInput, viaBase.Rows, viaBase.Cols);
        TP.Add(viaBase.Span, viaAdapter.Span, _gradInput.Span);
        return _gradInput;
    }

    /// <summary>W₀, b (frozen), then A and B.</summary>
    public override IEnumerable<Parameter<T>> Parameters() => Base.Parameters().Concat(Down.Parameters()).Concat(Up.Parameters());

    public override void Train(bool on = true)
    {
        base.Train(on);
        Base.Train(on);
        Down.Train(on);
        Up.Train(on);
    }

    public override int OutputFeatures(int inFeatures) => Base.OutputFeatures(inFeatures);

    /// <summary>A new plain layer with weight W₀ + (α/r)·B·A and the base's bias, computing what this module computes.</summary>
    public Linear<T> Merge()
    {
        var merged = new Linear<T>(InFeatures, OutFeatures, Base.Bias is not null, _backend);
        Base.Weight.Value.CopyTo(merged.Weight.Value);
        Base.Bias?.Value.CopyTo(merged.Bias!.Value);
        // Row-major W (out × in) is the column-major Wᵀ = Aᵀ·Bᵀ·(α/r) + W₀ᵀ; the stored A and B are Aᵀ and Bᵀ column-major.
        Blas<T>.Gemm(_backend, false, false, InFeatures, OutFeatures, Rank, T.CreateTruncating(Scale), Down.Weight.Value, InFeatures,
            Up.Weight.Value, Rank, T.One, merged.Weight.Value, InFeatures);
        return merged;
    }
}
