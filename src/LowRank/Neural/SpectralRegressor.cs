using System.Numerics;

namespace LowRank.Neural;

/// <summary>
/// A scale-equivariant regressor of singular values, the improved model of SV-Learn (Xu, Shiao, Chen, Papalexakis,
/// "SV-Learn: Learning Matrix Singular Values with Neural Networks", ICDM Workshops; §III's regression network, with the
/// input and target scaling and the monotone head added here) as one module: flattened m×n matrices in, predicted singular values out, as
/// σ̂(A) = ‖A‖_F · f(features(A/‖A‖_F)) with <see cref="SpectralFeatures"/> and a network f (the <see cref="Inner"/>
/// module, ending in a <see cref="CumulativeSoftplus{T}"/> head). Singular values are positively homogeneous,
/// σ(cA) = |c|·σ(A), and so is this model; its outputs are non-negative and non-increasing by construction.
/// Inference only: <see cref="Backward"/> is not defined, because f is trained on precomputed features (by
/// LowRank.SingularValueLearning's trainer). A plain neural layer (model file kind 11), so that the engine's model file
/// saves it without depending on the SV-Learn feature.
/// </summary>
public sealed class SpectralRegressor<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _features, _output;
    private double[] _norms = [];

    public SpectralRegressor(int rows, int cols, Module<T> inner)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cols);
        Rows = rows;
        Cols = cols;
        Inner = inner;
        int outputs = inner.OutputFeatures(SpectralFeatures.Count(rows, cols));
        if (outputs != Math.Min(rows, cols))
            throw new ArgumentException($"the network gives {outputs} outputs, a {rows}×{cols} matrix has {Math.Min(rows, cols)} singular values");
    }

    /// <summary>m of the m×n inputs.</summary>
    public int Rows { get; }

    /// <summary>n of the m×n inputs.</summary>
    public int Cols { get; }

    /// <summary>The network f from features to σ/‖A‖_F.</summary>
    public Module<T> Inner { get; }

    public override Tensor<T> Forward(Tensor<T> input)
    {
        if (input.Cols != Rows * Cols) throw new ArgumentException($"the model takes flattened {Rows}×{Cols} matrices, not rows of {input.Cols}");
        int count = SpectralFeatures.Count(Rows, Cols);
        _features = Tensor<T>.Reuse(_features, input.Rows, count);
        if (_norms.Length < input.Rows) _norms = new double[input.Rows];
        var features = _features;
        var norms = _norms;
        Parallel.For(0, input.Rows, () => (new float[Rows * Cols], new double[count]), (r, _, buffers) =>
        {
            var (flat, values) = buffers;
            var row = input.Row(r);
            for (int i = 0; i < flat.Length; i++) flat[i] = float.CreateTruncating(row[i]);
            norms[r] = SpectralFeatures.Compute(flat, Rows, Cols, values);
            var target = features.Row(r);
            for (int i = 0; i < count; i++) target[i] = T.CreateTruncating(values[i]);
            return buffers;
        }, _ => { });
        var scaled = Inner.Forward(features);
        _output = Tensor<T>.Reuse(_output, scaled.Rows, scaled.Cols);
        for (int r = 0; r < scaled.Rows; r++)
        {
            T norm = T.CreateTruncating(norms[r]);
            var source = scaled.Row(r);
            var target = _output.Row(r);
            for (int j = 0; j < source.Length; j++) target[j] = source[j] * norm;
        }
        return _output;
    }

    public override Tensor<T> Backward(Tensor<T> gradOutput) =>
        throw new NotSupportedException("SpectralRegressor is for inference; train its Inner network on SpectralFeatures");

    public override IEnumerable<Parameter<T>> Parameters() => Inner.Parameters();

    public override void Train(bool on = true)
    {
        base.Train(on);
        Inner.Train(on);
    }

    public override int OutputFeatures(int inFeatures)
    {
        if (inFeatures != Rows * Cols) throw new ArgumentException($"the model takes flattened {Rows}×{Cols} matrices, not rows of {inFeatures}");
        return Math.Min(Rows, Cols);
    }
}
