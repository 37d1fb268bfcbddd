using System.Numerics;

namespace LowRank.Neural;

/// <summary>
/// Modules applied in order (PyTorch <c>nn.Sequential</c>): forward runs them first to last, backward last to
/// first, each layer's input gradient being the previous layer's output gradient (the chain rule).
/// </summary>
public sealed class Sequential<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T>[] _layers;

    public Sequential(params IEnumerable<Module<T>> layers)
    {
        _layers = [.. layers];
    }

    public IReadOnlyList<Module<T>> Layers => _layers;

    public override Tensor<T> Forward(Tensor<T> input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }

    public override Tensor<T> Backward(Tensor<T> gradOutput)
    {
        var g = gradOutput;
        for (int i = _layers.Length - 1; i >= 0; i--) g = _layers[i].Backward(g);
        return g;
    }

    public override IEnumerable<Parameter<T>> Parameters() => _layers.SelectMany(l => l.Parameters());

    public override void Train(bool on = true)
    {
        base.Train(on);
        foreach (var layer in _layers) layer.Train(on);
    }

    public override int OutputFeatures(int inFeatures)
    {
        int width = inFeatures;
        foreach (var layer in _layers) width = layer.OutputFeatures(width);
        return width;
    }
}
