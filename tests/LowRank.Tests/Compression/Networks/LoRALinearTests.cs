using LowRank.Compression.Networks;
using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Losses;
using LowRank.Neural.Optimizers;
using LowRank.Neural.Serialization;
using LowRank.Tests.Neural;
using Xunit;

namespace LowRank.Tests.Compression.Networks;

public class LoRALinearTests
{
    private const int In = 6, Out = 4, Rank = 2;

    /// <summary>An adapter whose B is random too (a fresh one has B = 0, which hides mistakes in A's gradient and in the merge).</summary>
    private static LoRALinear<double> Adapter(bool bias = true)
    {
        var random = new Random(11);
        var baseLayer = new Linear<double>(In, Out, bias, random);
        if (bias) Gaussian.Fill(baseLayer.Bias!.Value, random);
        var adapter = new LoRALinear<double>(baseLayer, Rank, alpha: 3, random);
        Gaussian.Fill(adapter.Up.Weight.Value, random);
        return adapter;
    }

    [Fact]
    public void A_fresh_adapter_computes_the_base_layer_and_freezes_it()
    {
        var baseLayer = new Linear<double>(In, Out, true, new Random(1));
        var x = GradientCheck.Random(3, In, seed: 2);
        var expected = baseLayer.Forward(x).Span.ToArray();
        var adapter = new LoRALinear<double>(baseLayer, Rank, 8, new Random(3));
        Assert.Equal(expected, adapter.Forward(x).Span.ToArray());
        Assert.All(adapter.Up.Weight.Value, v => Assert.Equal(0.0, v)); // B = 0 …
        Assert.All(adapter.Down.Weight.Value, v => Assert.NotEqual(0.0, v)); // … and A random, so that B's gradient is not zero
        Assert.All(baseLayer.Parameters(), p => Assert.False(p.RequiresGrad));
        Assert.Equal(Rank * (In + Out), adapter.TrainableParameterCount());
        Assert.Equal(In * Out + Out + Rank * (In + Out), adapter.ParameterCount());
        Assert.Equal(4.0, adapter.Scale);
    }

    [Fact]
    public void Adapter_matches_finite_differences()
    {
        var adapter = Adapter();
        foreach (var p in adapter.Base.Parameters()) p.RequiresGrad = true; // so that every gradient is computed and checked
        GradientCheck.Module(adapter, GradientCheck.Random(3, In, seed: 4));
    }

    [Fact]
    public void The_output_is_the_base_plus_alpha_over_r_times_B_A_x()
    {
        var adapter = Adapter();
        var x = GradientCheck.Random(3, In, seed: 12);
        var y = adapter.Forward(x);
        double[] w = adapter.Base.Weight.Value, b = adapter.Base.Bias!.Value, a = adapter.Down.Weight.Value, up = adapter.Up.Weight.Value;
        for (int n = 0; n < x.Rows; n++)
            for (int i = 0; i < Out; i++)
            {
                double expected = b[i];
                for (int j = 0; j < In; j++) expected += w[i * In + j] * x[n, j];
                for (int r = 0; r < Rank; r++)
                {
                    double ax = 0;
                    for (int j = 0; j < In; j++) ax += a[r * In + j] * x[n, j];
                    expected += 3.0 / Rank * up[i * Rank + r] * ax; // α = 3
                }
                Assert.Equal(expected, y[n, i], 12);
            }
    }

    [Fact]
    public void Frozen_parameters_do_not_move_in_a_training_step_and_the_adapter_does()
    {
        var adapter = Adapter();
        var frozen = adapter.Base.Parameters().Select(p => (double[])p.Value.Clone()).ToArray();
        var a = (double[])adapter.Down.Weight.Value.Clone();
        var b = (double[])adapter.Up.Weight.Value.Clone();
        foreach (var p in adapter.Base.Parameters()) p.Grad.AsSpan().Fill(double.NaN); // a stale gradient must be neither computed nor used
        var trainer = new Trainer<double>(adapter, new MSELoss<double>(), new Adam<double>(adapter.Parameters(), 0.01, weightDecay: 0.1));
        trainer.TrainStep(GradientCheck.Random(5, In, seed: 6), GradientCheck.Random(5, Out, seed: 7));
        trainer.TrainStep(GradientCheck.Random(5, In, seed: 8), GradientCheck.Random(5, Out, seed: 9));
        Assert.Equal(frozen, adapter.Base.Parameters().Select(p => p.Value));
        Assert.All(adapter.Base.Parameters(), p => Assert.All(p.Grad, g => Assert.True(double.IsNaN(g))));
        Assert.NotEqual(a, adapter.Down.Weight.Value);
        Assert.NotEqual(b, adapter.Up.Weight.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_merged_layer_computes_what_the_adapter_computes(bool bias)
    {
        var adapter = Adapter(bias);
        var x = GradientCheck.Random(5, In, seed: 9);
        var expected = adapter.Forward(x).Span.ToArray();
        var actual = adapter.Merge().Forward(x).Span.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    [Fact]
    public void Wrapping_and_merging_a_network_keeps_its_function()
    {
        var random = new Random(5);
        var model = new Sequential<double>(new Linear<double>(In, 5, true, random), new ReLU<double>(), new Linear<double>(5, Out, true, random));
        var wrapped = LowRankAdapters.Wrap(model, Rank, 4, seed: 1);
        foreach (var adapter in wrapped.Layers.OfType<LoRALinear<double>>()) Gaussian.Fill(adapter.Up.Weight.Value, random);
        var x = GradientCheck.Random(4, In, seed: 3);
        var expected = wrapped.Forward(x).Span.ToArray();
        var merged = LowRankAdapters.Merge(wrapped);
        Assert.All(merged.Layers, l => Assert.IsNotType<LoRALinear<double>>(l));
        var actual = merged.Forward(x).Span.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
        Assert.Equal(Rank * (In + 5) + Rank * (5 + Out), wrapped.TrainableParameterCount()); // both adapters train, nothing else
        Assert.True(model.Parameters().All(p => p.RequiresGrad));
    }

    [Fact]
    public void An_adapter_survives_a_model_file_round_trip()
    {
        var model = new Sequential<float>(new LoRALinear<float>(new Linear<float>(In, Out, true, new Random(2)), Rank, 5, new Random(3)), new ReLU<float>());
        var adapter = (LoRALinear<float>)model.Layers[0];
        adapter.Up.Weight.Value.AsSpan().Fill(0.25f);
        var loaded = (Sequential<float>)ModelFile.Clone(model);
        var copy = Assert.IsType<LoRALinear<float>>(loaded.Layers[0]);
        Assert.Equal((Rank, 5.0), (copy.Rank, copy.Alpha));
        Assert.Equal(model.Parameters().Select(p => p.Value), loaded.Parameters().Select(p => p.Value));
        Assert.Equal(model.Parameters().Select(p => p.RequiresGrad), loaded.Parameters().Select(p => p.RequiresGrad));
        var x = new Tensor<float>(2, In, [.. Enumerable.Range(0, 2 * In).Select(i => i * 0.1f)]);
        Assert.Equal(model.Forward(x).Span.ToArray(), loaded.Forward(x).Span.ToArray());
    }
}
