using LowRank.Linalg;
using LowRank.Neural;
using LowRank.Neural.Losses;
using Xunit;

namespace LowRank.Tests.Neural;

/// <summary>Central finite differences against the analytic gradients of modules and losses, in double precision.</summary>
internal static class GradientCheck
{
    public const double Step = 1e-6, Tolerance = 1e-6;

    public static Tensor<double> Random(int rows, int cols, int seed, double scale = 1)
    {
        var t = new Tensor<double>(rows, cols);
        Gaussian.Fill(t.Span, new Random(seed));
        foreach (ref double x in t.Span) x *= scale;
        return t;
    }

    /// <summary>
    /// Checks ∂L/∂input and ∂L/∂parameter of L = Σ R ⊙ module(x) for a fixed random R (so ∂L/∂output = R).
    /// </summary>
    public static void Module(Module<double> module, Tensor<double> x, int seed = 99)
    {
        var output = module.Forward(x);
        var r = Random(output.Rows, output.Cols, seed);
        double L() => Dot(module.Forward(x), r);
        var gradInput = Copy(module.Backward(r));
        var analytic = module.Parameters().Select(p => (double[])p.Grad.Clone()).ToList();
        AssertClose(gradInput.Span.ToArray(), Numeric(x.Span, L), "input");
        int index = 0;
        foreach (var p in module.Parameters())
            AssertClose(analytic[index++], Numeric(p.Value, L), p.Name);
    }

    /// <summary>Checks ∂loss/∂prediction.</summary>
    public static void Loss(Loss<double> loss, Tensor<double> prediction, Tensor<double> target)
    {
        loss.Forward(prediction, target);
        var analytic = loss.Backward().Span.ToArray();
        AssertClose(analytic, Numeric(prediction.Span, () => loss.Forward(prediction, target)), "prediction");
    }

    private static double[] Numeric(Span<double> values, Func<double> f)
    {
        var g = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double keep = values[i];
            values[i] = keep + Step;
            double plus = f();
            values[i] = keep - Step;
            double minus = f();
            values[i] = keep;
            g[i] = (plus - minus) / (2 * Step);
        }
        return g;
    }

    private static double[] Numeric(double[] values, Func<double> f) => Numeric(values.AsSpan(), f);

    private static double Dot(Tensor<double> a, Tensor<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Span.Length; i++) s += a.Span[i] * b.Span[i];
        return s;
    }

    private static Tensor<double> Copy(Tensor<double> t) => new(t.Rows, t.Cols, t.Span.ToArray());

    private static void AssertClose(double[] analytic, double[] numeric, string what)
    {
        Assert.Equal(numeric.Length, analytic.Length);
        double scale = Math.Max(1, numeric.Max(Math.Abs));
        for (int i = 0; i < numeric.Length; i++)
            Assert.True(Math.Abs(analytic[i] - numeric[i]) <= Tolerance * scale,
                $"{what}[{i}]: analytic {analytic[i]:G10}, finite difference {numeric[i]:G10}");
    }
}
