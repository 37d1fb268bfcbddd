using LowRank.Neural;
using LowRank.Neural.Losses;
using Xunit;

namespace LowRank.Tests.Neural;

public class GradientTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Linear_matches_finite_differences(bool bias)
    {
        var layer = new Linear<double>(5, 3, bias, new Random(1));
        if (bias) GradientCheck.Random(1, 3, 2).Span.CopyTo(layer.Bias!.Value);
        GradientCheck.Module(layer, GradientCheck.Random(4, 5, 3));
    }

    [Fact]
    public void Linear_without_input_gradient_gives_the_same_parameter_gradients()
    {
        var full = new Linear<double>(5, 3, true, new Random(1));
        var first = new Linear<double>(5, 3, true, new Random(1)) { NeedsInputGradient = false };
        var x = GradientCheck.Random(4, 5, 3);
        var dy = GradientCheck.Random(4, 3, 4);
        full.Forward(x);
        first.Forward(x);
        Assert.Equal(4, full.Backward(dy).Rows);
        Assert.Equal(0, first.Backward(dy).Rows);
        Assert.Equal(full.Weight.Grad, first.Weight.Grad);
        Assert.Equal(full.Bias!.Grad, first.Bias!.Grad);
    }

    public static TheoryData<string> Activations => ["Identity", "ReLU", "Tanh", "Sigmoid", "Softplus"];

    [Theory]
    [MemberData(nameof(Activations))]
    public void Activation_matches_finite_differences(string name)
    {
        Module<double> module = name switch
        {
            "Identity" => new Identity<double>(),
            "ReLU" => new ReLU<double>(),
            "Tanh" => new Tanh<double>(),
            "Sigmoid" => new Sigmoid<double>(),
            _ => new Softplus<double>(),
        };
        // 7×11 = 77 entries: several whole vectors plus a scalar tail; ReLU's kink at 0 is hit with probability 0.
        GradientCheck.Module(module, GradientCheck.Random(7, 11, 4, scale: 2));
    }

    [Fact]
    public void Softplus_neither_overflows_nor_loses_small_values()
    {
        var y = new Softplus<double>().Forward(new Tensor<double>(1, 3, [1000, 0, -40]));
        var tiny = new Softplus<float>().Forward(new Tensor<float>(1, 9, [-20, -20, -20, -20, -20, -20, -20, -20, -30]));
        Assert.All(tiny.Span.ToArray()[..8], v => Assert.Equal(MathF.Exp(-20), v, 1e-14f));
        Assert.Equal(MathF.Exp(-30), tiny[0, 8], 1e-20f);
        Assert.Equal(1000, y[0, 0]);
        Assert.Equal(Math.Log(2), y[0, 1], 15);
        Assert.Equal(Math.Exp(-40), y[0, 2], 1e-30);
    }

    [Fact]
    public void Dropout_with_a_fixed_mask_matches_finite_differences()
    {
        var dropout = new Dropout<double>(0.4, seed: 5);
        var x = GradientCheck.Random(6, 9, 6);
        dropout.Forward(x);
        dropout.FreezeMask = true;
        GradientCheck.Module(dropout, x);
        var y = dropout.Forward(x);
        Assert.Contains(0.0, y.Span.ToArray());
    }

    [Fact]
    public void Dropout_is_the_identity_in_eval_mode_and_inverted_in_training()
    {
        var dropout = new Dropout<double>(0.25, seed: 1);
        var x = GradientCheck.Random(200, 50, 7);
        var kept = dropout.Forward(x).Span.ToArray();
        int zeros = kept.Count(v => v == 0);
        Assert.InRange(zeros / (double)kept.Length, 0.22, 0.28);
        for (int i = 0; i < kept.Length; i++)
            if (kept[i] != 0) Assert.Equal(x.Span[i] / 0.75, kept[i], 1e-12);
        dropout.Eval();
        Assert.Equal(x.Span.ToArray(), dropout.Forward(x).Span.ToArray());
    }

    [Fact]
    public void Sequential_matches_finite_differences()
    {
        var random = new Random(8);
        var model = new Sequential<double>(
            new Linear<double>(4, 6, true, random, Initializer.GlorotUniform),
            new Tanh<double>(),
            new Linear<double>(6, 5, false, random, Initializer.Orthogonal),
            new Softplus<double>(),
            new Linear<double>(5, 3, true, random));
        GradientCheck.Module(model, GradientCheck.Random(3, 4, 9));
    }

    [Fact]
    public void MSELoss_matches_finite_differences_and_its_definition()
    {
        var p = GradientCheck.Random(4, 3, 10);
        var t = GradientCheck.Random(4, 3, 11);
        GradientCheck.Loss(new MSELoss<double>(), p, t);
        double expected = p.Span.ToArray().Zip(t.Span.ToArray(), (a, b) => (a - b) * (a - b)).Average();
        Assert.Equal(expected, new MSELoss<double>().Forward(p, t), 14);
    }

    [Fact]
    public void L1Loss_matches_finite_differences_away_from_kinks_and_its_definition()
    {
        var p = GradientCheck.Random(4, 3, 12);
        var t = GradientCheck.Random(4, 3, 13);
        GradientCheck.Loss(new L1Loss<double>(), p, t);
        double expected = p.Span.ToArray().Zip(t.Span.ToArray(), (a, b) => Math.Abs(a - b)).Average();
        Assert.Equal(expected, new L1Loss<double>().Forward(p, t), 14);
        // At a kink the subgradient is 0 (PyTorch's sign(0)); elsewhere ±1/(b·c).
        var l1 = new L1Loss<double>();
        Assert.Equal(0.5, l1.Forward(new Tensor<double>(1, 4, [1, 2, 3, 5]), new Tensor<double>(1, 4, [1, 3, 2, 5])), 15);
        Assert.Equal([0, -0.25, 0.25, 0], l1.Backward().Span.ToArray());
    }

    [Fact]
    public void CrossEntropyLoss_matches_finite_differences_and_log_softmax()
    {
        var logits = GradientCheck.Random(5, 4, 14, scale: 3);
        var target = CrossEntropyLoss<double>.OneHot([0, 3, 1, 1, 2], 4);
        GradientCheck.Loss(new CrossEntropyLoss<double>(), logits, target);
        var soft = GradientCheck.Random(5, 4, 15);
        foreach (ref double x in soft.Span) x = Math.Abs(x);
        for (int i = 0; i < 5; i++)
        {
            double s = soft.Row(i).ToArray().Sum();
            foreach (ref double x in soft.Row(i)) x /= s;
        }
        GradientCheck.Loss(new CrossEntropyLoss<double>(), logits, soft);
        // Row 0: −log softmax(z)₀.
        var z = logits.Row(0).ToArray();
        double expected0 = -(z[0] - Math.Log(z.Sum(Math.Exp)));
        var single = new Tensor<double>(1, 4, z);
        Assert.Equal(expected0, new CrossEntropyLoss<double>().Forward(single, CrossEntropyLoss<double>.OneHot([0], 4)), 12);
    }

    [Fact]
    public void CrossEntropyLoss_does_not_overflow_on_large_logits()
    {
        var logits = new Tensor<double>(1, 3, [1000, 0, -1000]);
        double loss = new CrossEntropyLoss<double>().Forward(logits, CrossEntropyLoss<double>.OneHot([1], 3));
        Assert.Equal(1000, loss, 9);
    }
}
