using LowRank.Completion;
using LowRank.Completion.Evaluation;

namespace LowRank.Tests.Completion.Advanced;

/// <summary>
/// A 150 × 120 ratings matrix on the 1..5 scale: 3 + user bias + item bias + a rank-3 product + noise, rounded and
/// clipped, about 30 % observed, split 80/20 into training and held-out entries. (Not the library's
/// <see cref="LowRank.Completion.SyntheticRatings"/>: whole stars, a fixed split; the models' margins here are measured on it.)
/// </summary>
internal static class HeldOutRatings
{
    public const int Users = 150;
    public const int Items = 120;

    private static readonly Lazy<(RatingSet Train, RatingSet Test)> Cached = new(Build);

    public static RatingSet Train => Cached.Value.Train;

    public static RatingSet Test => Cached.Value.Test;

    /// <summary>Root-mean-square error of the predictor's (clipped) predictions on the held-out entries.</summary>
    public static double Rmse(IRatingPredictor predictor, RatingSet test)
    {
        var predicted = new double[test.Count];
        for (int e = 0; e < test.Count; e++) predicted[e] = predictor.Predict(test.Users[e], test.Items[e]);
        return AccuracyMetrics.Rmse(test.Values, predicted);
    }

    /// <summary>Held-out RMSE of predicting the training mean everywhere.</summary>
    public static double GlobalMeanRmse()
    {
        double mean = Train.GlobalMean, sum = 0;
        foreach (double v in Test.Values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / Test.Count);
    }

    /// <summary>Held-out RMSE of the bias baseline μ + b_u + b_i.</summary>
    public static double BaselineRmse()
    {
        var baseline = new BaselinePredictor(new BaselineOptions());
        baseline.Fit(Train);
        return Rmse(baseline, Test);
    }

    private static (RatingSet, RatingSet) Build()
    {
        var random = new Random(7);
        const int rank = 3;
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var u = new double[Users, rank];
        var v = new double[Items, rank];
        var bu = new double[Users];
        var bi = new double[Items];
        for (int i = 0; i < Users; i++)
        {
            bu[i] = 0.4 * Normal();
            for (int d = 0; d < rank; d++) u[i, d] = 0.7 * Normal();
        }
        for (int j = 0; j < Items; j++)
        {
            bi[j] = 0.5 * Normal();
            for (int d = 0; d < rank; d++) v[j, d] = 0.7 * Normal();
        }
        var train = (Users: new List<int>(), Items: new List<int>(), Values: new List<double>());
        var test = (Users: new List<int>(), Items: new List<int>(), Values: new List<double>());
        for (int i = 0; i < Users; i++)
            for (int j = 0; j < Items; j++)
            {
                if (random.NextDouble() >= 0.3) continue;
                double r = 3 + bu[i] + bi[j] + 0.3 * Normal();
                for (int d = 0; d < rank; d++) r += u[i, d] * v[j, d];
                r = Math.Clamp(Math.Round(r), 1, 5);
                var target = random.NextDouble() < 0.8 ? train : test;
                target.Users.Add(i);
                target.Items.Add(j);
                target.Values.Add(r);
            }
        var scale = new RatingScale(1, 5);
        return (new RatingSet(Users, Items, [.. train.Users], [.. train.Items], [.. train.Values], scale),
            new RatingSet(Users, Items, [.. test.Users], [.. test.Items], [.. test.Values], scale));
    }
}
