using LowRank.Compression.Networks;
using LowRank.Decompositions;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Tests.Neural;
using Xunit;

namespace LowRank.Tests.Compression.Networks;

public class LayerSvdTests
{
    private const int In = 7, Out = 5;

    private static Linear<double> Layer(bool bias)
    {
        var layer = new Linear<double>(In, Out, bias, new Random(3), Initializer.GlorotUniform);
        if (bias) Gaussian.Fill(layer.Bias!.Value, new Random(4));
        return layer;
    }

    private static Matrix Weight(Linear<double> layer) => Matrix.FromRowMajor(layer.OutFeatures, layer.InFeatures, layer.Weight.Value);

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void The_factors_compute_the_truncated_svd_of_the_weight_plus_the_bias(int k, bool bias)
    {
        var layer = Layer(bias);
        var svd = ExactSvd.Compute(Weight(layer)).Truncate(k);
        var x = GradientCheck.Random(4, In, seed: 5);
        var y = new LayerSvd<double>(layer).Factor(k).Forward(x);
        for (int b = 0; b < x.Rows; b++)
            for (int i = 0; i < Out; i++)
            {
                double expected = bias ? layer.Bias!.Value[i] : 0; // U_k Σ_k V_kᵀ x + b, summed term by term
                for (int r = 0; r < k; r++)
                {
                    double vx = 0;
                    for (int j = 0; j < In; j++) vx += svd.VT![r, j] * x[b, j];
                    expected += svd.U![i, r] * svd.S[r] * vx;
                }
                Assert.Equal(expected, y[b, i], 12);
            }
    }

    [Fact]
    public void At_full_rank_the_factors_reproduce_the_layer()
    {
        var layer = Layer(bias: true);
        var x = GradientCheck.Random(6, In, seed: 8);
        var expected = layer.Forward(x).Span.ToArray();
        var actual = new LayerSvd<double>(layer).Factor(Math.Min(In, Out)).Forward(x).Span.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    [Fact]
    public void The_factors_hold_k_times_m_plus_n_weights_and_the_bias()
    {
        var factored = new LayerSvd<double>(Layer(bias: true)).Factor(2);
        var linears = factored.Layers.Cast<Linear<double>>().ToArray();
        Assert.Equal([(In, 2, false), (2, Out, true)], linears.Select(l => (l.InFeatures, l.OutFeatures, l.Bias is not null)));
        Assert.Equal(2 * (In + Out) + Out, factored.ParameterCount());
        Assert.Throws<ArgumentOutOfRangeException>(() => new LayerSvd<double>(Layer(true)).Factor(Out + 1));
    }

    [Fact]
    public void The_factors_are_those_of_the_layer_when_the_svd_was_taken()
    {
        var layer = Layer(bias: true);
        var x = GradientCheck.Random(2, In, seed: 6);
        var expected = layer.Forward(x).Span.ToArray();
        var svd = new LayerSvd<double>(layer);
        layer.Bias!.Value.AsSpan().Fill(100); // the layer trains on; the SVD and the bias it factors do not change
        layer.Weight.Value.AsSpan().Fill(-1);
        var actual = svd.Factor(Math.Min(In, Out)).Forward(x).Span.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    [Fact]
    public void The_compressor_replaces_only_the_chosen_layers_and_leaves_the_model_alone()
    {
        var random = new Random(1);
        var model = new Sequential<double>(new Linear<double>(8, 6, true, random), new ReLU<double>(), new Linear<double>(6, 3, true, random));
        var before = model.Parameters().SelectMany(p => p.Value).ToArray();
        var compressor = new NetworkCompressor<double>(model);
        Assert.Equal(8 * 6 + 6 * 3, compressor.DenseWeights);
        var compressed = compressor.Compress([2, null]);
        Assert.Equal(["Linear`1", "Linear`1", "ReLU`1", "Linear`1"], compressed.Layers.Select(l => l.GetType().Name));
        Assert.Equal(2 * (8 + 6) + 6 + 6 * 3 + 3, compressed.ParameterCount());
        Assert.Equal(before, model.Parameters().SelectMany(p => p.Value));
        var x = GradientCheck.Random(3, 8, seed: 2);
        var full = compressor.Compress([6, null]).Forward(x).Span.ToArray();
        var original = model.Forward(x).Span.ToArray();
        for (int i = 0; i < full.Length; i++) Assert.Equal(original[i], full[i], 12);
    }
}
