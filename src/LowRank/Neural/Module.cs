using System.Numerics;

namespace LowRank.Neural;

/// <summary>
/// A layer or a composition of layers (PyTorch <c>nn.Module</c>). <see cref="Forward"/> maps a row-major batch to an
/// output batch and keeps what <see cref="Backward"/> needs; <see cref="Backward"/> takes ∂loss/∂output for that same
/// batch, writes ∂loss/∂parameter into each <see cref="Parameter{T}.Grad"/> and returns ∂loss/∂input. The returned
/// tensors are buffers owned by the module and reused by the next call: copy them to keep them.
/// </summary>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True in training mode (the default), false after <see cref="Eval"/>; only <see cref="Dropout{T}"/> cares.</summary>
    public bool Training { get; private set; } = true;

    public abstract Tensor<T> Forward(Tensor<T> input);

    public abstract Tensor<T> Backward(Tensor<T> gradOutput);

    /// <summary>The parameters, frozen ones included, in a fixed order (the order a model file stores them in).</summary>
    public virtual IEnumerable<Parameter<T>> Parameters() => [];

    /// <summary>The number of parameter scalars, frozen ones included.</summary>
    public int ParameterCount() => Parameters().Sum(p => p.Length);

    /// <summary>The number of scalars an optimizer updates: those of parameters with <see cref="Parameter{T}.RequiresGrad"/>.</summary>
    public int TrainableParameterCount() => Parameters().Where(p => p.RequiresGrad).Sum(p => p.Length);

    /// <summary>Switches training mode on or off, here and in every child module.</summary>
    public virtual void Train(bool on = true) => Training = on;

    /// <summary>Evaluation mode: <c>Train(false)</c>.</summary>
    public void Eval() => Train(false);

    /// <summary>Features out for <paramref name="inFeatures"/> in; throws when the module cannot take that width.</summary>
    public abstract int OutputFeatures(int inFeatures);
}
