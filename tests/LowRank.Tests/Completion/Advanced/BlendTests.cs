using LowRank.Completion;
using LowRank.Completion.Advanced;
using Xunit;

namespace LowRank.Tests.Completion.Advanced;

public class BlendTests
{
    private static readonly Func<IRatingPredictor>[] FastComponents =
    [
        () => new BayesianPmf(new BayesianPmfOptions(Rank: 5, BurnIn: 10, Samples: 30)),
        () => new SvdPlusPlus(new SvdPlusPlusOptions(Factors: 5)),
        () => new KnnBaseline(),
        () => new BaselinePredictor(new BaselineOptions()),
    ];

    [Fact]
    public void RecoversAKnownLinearCombinationOfItsComponents()
    {
        // Ratings are exactly 0.5 + 0.3·f + 0.6·g of two fixed "predictors" f and g.
        static double F(int u, int i) => 1 + 4 * Fraction(Math.Sin(u * 12.9898 + i * 78.233) * 43758.5453);
        static double G(int u, int i) => 1 + 4 * Fraction(Math.Sin(u * 39.3468 + i * 11.135) * 24634.6345);
        var users = new List<int>();
        var items = new List<int>();
        var values = new List<double>();
        for (int u = 0; u < 40; u++)
            for (int i = 0; i < 30; i++)
            {
                users.Add(u);
                items.Add(i);
                values.Add(0.5 + 0.3 * F(u, i) + 0.6 * G(u, i));
            }
        var set = new RatingSet(40, 30, [.. users], [.. items], [.. values], new RatingScale(1, 5));
        var blend = new Blend([() => new FixedPredictor(F), () => new FixedPredictor(G)], new BlendOptions(Ridge: 0));
        blend.Fit(set);
        Assert.Equal(0.5, blend.Intercept, 1e-9);
        Assert.Equal(0.3, blend.Weights[0], 1e-9);
        Assert.Equal(0.6, blend.Weights[1], 1e-9);
        Assert.Equal(values[77], blend.Predict(users[77], items[77]), 1e-9);

        var ridge = new Blend([() => new FixedPredictor(F), () => new FixedPredictor(G)]);
        ridge.Fit(set);
        Assert.Equal(0.3, ridge.Weights[0], 1e-2);
        Assert.Equal(0.6, ridge.Weights[1], 1e-2);
    }

    [Fact]
    public void BeatsGlobalMeanAndBiasBaselineAndIsDeterministic()
    {
        var a = new Blend(FastComponents);
        var b = new Blend(FastComponents);
        a.Fit(HeldOutRatings.Train);
        b.Fit(HeldOutRatings.Train);
        double rmse = HeldOutRatings.Rmse(a, HeldOutRatings.Test);
        Assert.True(rmse < 0.9 * HeldOutRatings.BaselineRmse(), $"blend {rmse}, baseline {HeldOutRatings.BaselineRmse()}");
        Assert.True(rmse < HeldOutRatings.GlobalMeanRmse());
        var all = a.PredictAll();
        Assert.Equal(all.Data, b.PredictAll().Data);
        Assert.All(all.Data, x => Assert.InRange(x, 1.0, 5.0));
        for (int u = 0; u < HeldOutRatings.Users; u += 7)
            for (int i = 0; i < HeldOutRatings.Items; i += 5)
                Assert.Equal(a.Predict(u, i), all[u, i], 1e-12);
        Assert.Equal(["bpmf", "svdpp", "knn-baseline", "baseline"], a.ComponentNames);
    }

    [Fact]
    public void RejectsBadOptions()
    {
        Assert.Throws<InvalidInputException>(() => new Blend([]));
        Assert.Throws<InvalidInputException>(() => new Blend(new BlendOptions(HoldOutFraction: 1)));
        Assert.Throws<InvalidInputException>(() => new Blend(new BlendOptions(Ridge: -1)));
    }

    private static double Fraction(double x) => x - Math.Floor(x);

    /// <summary>A "predictor" that returns a fixed function of (user, item), whatever it is fitted on.</summary>
    private sealed class FixedPredictor(Func<int, int, double> function) : RatingPredictor
    {
        public override string Name => "fixed";

        protected override void FitCore(RatingSet train, CancellationToken cancellationToken)
        {
        }

        protected override double PredictRaw(int user, int item) => function(user, item);
    }
}
