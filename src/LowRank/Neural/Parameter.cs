using System.Numerics;

namespace LowRank.Neural;

/// <summary>
/// A trainable array and its gradient (PyTorch <c>nn.Parameter</c> with <c>.grad</c>), stored row-major with the
/// shape <see cref="Rows"/> × <see cref="Cols"/> (a bias is 1 × out). <see cref="Module{T}.Backward"/> overwrites
/// <see cref="Grad"/> with the gradient of the last batch; it does not accumulate. A parameter with
/// <see cref="RequiresGrad"/> false is frozen (PyTorch <c>requires_grad_(False)</c>).
/// </summary>
public sealed class Parameter<T>(string name, int rows, int cols) where T : unmanaged, IFloatingPointIeee754<T>
{
    public string Name { get; } = name;

    public int Rows { get; } = rows;

    public int Cols { get; } = cols;

    public T[] Value { get; } = new T[checked(rows * cols)];

    public T[] Grad { get; } = new T[checked(rows * cols)];

    public int Length => Value.Length;

    /// <summary>
    /// False freezes the parameter: optimizers leave it unchanged and <see cref="Linear{T}"/> skips its gradient
    /// (which then keeps stale values). True by default.
    /// </summary>
    public bool RequiresGrad { get; set; } = true;
}
