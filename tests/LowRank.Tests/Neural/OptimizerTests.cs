using LowRank.Neural;
using LowRank.Neural.Optimizers;
using LowRank.Neural.Schedules;
using Xunit;

namespace LowRank.Tests.Neural;

public class OptimizerTests
{
    /// <summary>f(θ) = ½ Σ dᵢ(θᵢ − cᵢ)², ill-conditioned (d from 0.1 to 10), minimum at c.</summary>
    private static readonly double[] Curvature = [0.1, 0.5, 1, 3, 10], Centre = [1, -2, 0.5, 3, -1];

    private static double Minimise(Func<Parameter<double>, Optimizer<double>> make, int steps)
    {
        var p = new Parameter<double>("theta", 1, Curvature.Length);
        var optimizer = make(p);
        for (int s = 0; s < steps; s++)
        {
            for (int i = 0; i < p.Length; i++) p.Grad[i] = Curvature[i] * (p.Value[i] - Centre[i]);
            optimizer.Step();
        }
        return p.Value.Zip(Centre, (a, b) => Math.Abs(a - b)).Max();
    }

    [Fact]
    public void SGD_converges_on_a_convex_quadratic()
    {
        Assert.True(Minimise(p => new SGD<double>([p], 0.15), 2000) < 1e-6);
        Assert.True(Minimise(p => new SGD<double>([p], 0.05, momentum: 0.9), 1000) < 1e-6);
        Assert.True(Minimise(p => new SGD<double>([p], 0.05, momentum: 0.9, nesterov: true), 1000) < 1e-6);
    }

    [Fact]
    public void Adam_converges_on_a_convex_quadratic()
    {
        Assert.True(Minimise(p => new Adam<double>([p], 0.05), 3000) < 1e-4);
    }

    [Fact]
    public void Adam_first_step_matches_the_hand_computed_update()
    {
        // Step 1: m̂ = g, v̂ = g², so θ₁ = θ₀ − η·g/(|g| + ε); with weight decay g = ∇ + λθ₀.
        var p = new Parameter<float>("w", 1, 3);
        float[] theta0 = [1f, -2f, 0.5f], grad = [0.3f, -4f, 0f];
        theta0.CopyTo(p.Value, 0);
        grad.CopyTo(p.Grad, 0);
        new Adam<float>([p], learningRate: 0.1, weightDecay: 0.01).Step();
        for (int i = 0; i < 3; i++)
        {
            double g = grad[i] + 0.01 * theta0[i];
            double expected = theta0[i] - 0.1 * g / (Math.Abs(g) + 1e-8);
            Assert.Equal(expected, p.Value[i], 5);
        }
    }

    [Fact]
    public void SGD_with_momentum_matches_the_hand_computed_updates()
    {
        var p = new Parameter<double>("w", 1, 1);
        p.Value[0] = 1;
        var sgd = new SGD<double>([p], 0.1, momentum: 0.5);
        p.Grad[0] = 2;
        sgd.Step(); // v = 2, θ = 1 − 0.2
        p.Grad[0] = 1;
        sgd.Step(); // v = 0.5·2 + 1 = 2, θ = 0.8 − 0.2
        Assert.Equal(0.6, p.Value[0], 14);
    }

    [Fact]
    public void SGD_with_Nesterov_momentum_matches_the_hand_computed_updates()
    {
        var p = new Parameter<double>("w", 1, 1);
        p.Value[0] = 1;
        var sgd = new SGD<double>([p], 0.1, momentum: 0.5, nesterov: true);
        p.Grad[0] = 2;
        sgd.Step(); // v = 2, θ = 1 − 0.1·(2 + 0.5·2) = 0.7
        Assert.Equal(0.7, p.Value[0], 14);
        p.Grad[0] = 1;
        sgd.Step(); // v = 0.5·2 + 1 = 2, θ = 0.7 − 0.1·(1 + 0.5·2) = 0.5
        Assert.Equal(0.5, p.Value[0], 14);
    }

    [Fact]
    public void Schedules_follow_their_formulas()
    {
        var cosine = new CosineAnnealingLR(1.0, totalSteps: 110, minLearningRate: 0.1, warmupSteps: 10);
        Assert.Equal(0.1, cosine.LearningRate(0), 14);
        Assert.Equal(1.0, cosine.LearningRate(9), 14);
        Assert.Equal(1.0, cosine.LearningRate(10), 14);
        Assert.Equal(0.55, cosine.LearningRate(60), 14);
        Assert.Equal(0.1, cosine.LearningRate(110), 14);
        Assert.Equal(0.1, cosine.LearningRate(500), 14);
        var step = new StepLR(1.0, stepSize: 10, gamma: 0.5);
        Assert.Equal(1.0, step.LearningRate(9));
        Assert.Equal(0.25, step.LearningRate(25));
        Assert.Equal(0.3, new ConstantLR(0.3).LearningRate(12345));
    }
}
